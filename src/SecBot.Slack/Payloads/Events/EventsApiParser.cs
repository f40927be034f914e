using SecBot.Chat.Inbound;
using System.Text.Json;

namespace SecBot.Slack.Payloads.Events;

/// <summary>Parses Events API bodies (<c>application/json</c>, slack-protocol.md §2 and §4).</summary>
public static class EventsApiParser
{
    private const string Subject = "events API body";

    public static ParseResult<EventsApiPayload> Parse(ReadOnlyMemory<byte> json) => TypedJsonDocument.Parse(json, Subject, Read);

    public static ParseResult<EventsApiPayload> Parse(string json)
    {
        ArgumentNullException.ThrowIfNull(json);
        return TypedJsonDocument.Parse(json, Subject, Read);
    }

    /// <summary>Parses an inner <c>event</c> object on its own (without the envelope).</summary>
    internal static ParseResult<SlackEvent> ParseEvent(string json)
    {
        ArgumentNullException.ThrowIfNull(json);
        return TypedJsonDocument.Parse(json, "event", (type, root) => SlackEventReader.Read(type, root, SlackInboundJsonContext.Default.Options));
    }

    private static EventsApiPayload Read(string type, JsonElement root) => type switch
    {
        "url_verification" => root.Deserialize(SlackInboundJsonContext.Default.UrlVerificationPayload)!,
        "event_callback" => Checked(root.Deserialize(SlackInboundJsonContext.Default.EventCallbackPayload)!),
        _ => new UnknownEventsApiPayload { Type = type },
    };

    // event_id is the deduplication key (§4): a blank one cannot be recorded, so the body is malformed (400).
    private static EventCallbackPayload Checked(EventCallbackPayload callback) =>
        string.IsNullOrWhiteSpace(callback.EventId) ? throw new JsonException("event_id is blank") : callback;
}
