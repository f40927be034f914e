using System.Globalization;
using System.Text.Json;

namespace SecBot.Bench;

/// <summary>
/// A <c>slash_commands</c> envelope over the fake Slack's Socket Mode connection (the same fields as the form, as the
/// JSON payload, <c>accepts_response_payload</c> true as Slack sends it); the answer is SecBot's acknowledgement.
/// </summary>
public sealed class SocketCommandTransport(RecordingSlack slack) : ICommandTransport
{
    public async Task<DeclareOutcome> DeclareAsync(long sequence, string title)
    {
        var envelopeId = "bench-" + sequence.ToString(CultureInfo.InvariantCulture);
        var envelope = JsonSerializer.Serialize(new
        {
            envelope_id = envelopeId,
            type = "slash_commands",
            accepts_response_payload = true,
            payload = SlackDeclare.Form(sequence, title).ToDictionary(f => f.Key, f => f.Value),
        });
        return SlackDeclare.Outcome(await slack.SendEnvelopeAsync(envelopeId, envelope).WaitAsync(ChatLoad.AnswerTimeout, TimeProvider.System));
    }

    public void Dispose()
    {
        // The connection belongs to the fake Slack.
    }
}
