using System.Text.Json.Nodes;
using Microsoft.AspNetCore.WebUtilities;

namespace SecBot.Host.Tests.Slack;

/// <summary>
/// Socket Mode envelopes as Slack sends them (its Socket Mode documentation): the HTTP request's payload under an
/// <c>envelope_id</c>, with whether the acknowledgement may carry a response payload.
/// </summary>
internal static class SocketModeEnvelopes
{
    public static string NewEnvelopeId() => Guid.NewGuid().ToString();

    /// <summary>A slash command: the HTTP form's fields as a JSON object (<see cref="SlackPayloads.SlashCommand"/>).</summary>
    public static JsonObject SlashCommand(string envelopeId, string text, string userId = "U0MAYA0001", string channelId = "C0GENERAL", string? triggerId = null)
    {
        var payload = new JsonObject();
        foreach (var (name, value) in QueryHelpers.ParseQuery(SlackPayloads.SlashCommand(text, userId, channelId, triggerId))) payload[name] = value.ToString();
        return Envelope(envelopeId, "slash_commands", payload, acceptsResponsePayload: true);
    }

    /// <summary>An Events API callback (<see cref="SlackPayloads.DirectMessage"/> etc.), retried <paramref name="retryAttempt"/> times.</summary>
    public static JsonObject EventsApi(string envelopeId, string eventCallbackJson, int retryAttempt = 0)
    {
        var envelope = Envelope(envelopeId, "events_api", JsonNode.Parse(eventCallbackJson)!, acceptsResponsePayload: false);
        envelope["retry_attempt"] = retryAttempt;
        envelope["retry_reason"] = retryAttempt == 0 ? "" : "timeout";
        return envelope;
    }

    /// <summary>A block_actions or view_submission payload (<see cref="SlackPayloads.BlockActions"/> etc.).</summary>
    public static JsonObject Interactive(string envelopeId, string interactionJson) =>
        Envelope(envelopeId, "interactive", JsonNode.Parse(interactionJson)!, acceptsResponsePayload: false);

    private static JsonObject Envelope(string envelopeId, string type, JsonNode payload, bool acceptsResponsePayload) => new()
    {
        ["envelope_id"] = envelopeId,
        ["payload"] = payload,
        ["type"] = type,
        ["accepts_response_payload"] = acceptsResponsePayload,
    };
}
