using System.Globalization;
using System.Text.Json;

namespace SecBot.Bench;

/// <summary>
/// A <c>slash_commands</c> envelope over the fake Slack's Socket Mode connection (the same fields as the form, as the
/// JSON payload, <c>accepts_response_payload</c> true as Slack sends it); the answer is SecBot's acknowledgement.
/// </summary>
public sealed class SocketCommandTransport(RecordingSlack slack) : ICommandTransport
{
    public async Task<string?> SendAsync(long sequence, IReadOnlyList<KeyValuePair<string, string>> fields)
    {
        var envelopeId = "bench-" + sequence.ToString(CultureInfo.InvariantCulture);
        var envelope = JsonSerializer.Serialize(new
        {
            envelope_id = envelopeId,
            type = "slash_commands",
            accepts_response_payload = true,
            payload = fields.ToDictionary(f => f.Key, f => f.Value),
        });
        return await slack.SendEnvelopeAsync(envelopeId, envelope).WaitAsync(SlackLoad.AnswerTimeout, TimeProvider.System);
    }

    public void Dispose()
    {
        // The connection belongs to the fake Slack.
    }
}
