using System.Text.Json.Serialization;

namespace SecBot.Slack.Payloads.Events;

/// <summary>
/// <c>event_callback</c>: one event, delivered at least once (slack-protocol.md §4). <see cref="EventId"/> is the
/// same on every retry, so it is the deduplication key. <see cref="TeamId"/> may be the source team of a Slack
/// Connect channel rather than the installing one.
/// </summary>
public sealed record EventCallbackPayload : EventsApiPayload
{
    public required string EventId { get; init; }
    public long EventTime { get; init; }

    [JsonConverter(typeof(SlackEventConverter))]
    public required SlackEvent Event { get; init; }

    public string? TeamId { get; init; }
    public string? EnterpriseId { get; init; }
    public string? ApiAppId { get; init; }
    public bool IsExtSharedChannel { get; init; }

    /// <summary>The installation the event is delivered for (Slack sends one); null or empty in older payloads.</summary>
    public IReadOnlyList<SlackAuthorization?>? Authorizations { get; init; }
    public string? EventContext { get; init; }
}
