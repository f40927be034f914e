namespace SecBot.Domain.Incidents;

/// <summary>
/// Something the engine wants people told. The chat layer renders it (cards, buttons) and the
/// store queues it in the outbox in the same transaction as the decision.
/// </summary>
public abstract record IncidentNotice(Incident Incident);

/// <summary>A direct message to the paged person (with Acknowledge / Escalate / Resolve unless it is a notification).</summary>
public sealed record PageNotice(Incident Incident, Page Page) : IncidentNotice(Incident);

/// <summary>An announcement in the incidents channel; <see cref="Mentions"/> are person ids the renderer may @mention.</summary>
public sealed record ChannelNotice(Incident Incident, string Kind, string Text, IReadOnlyList<string> Mentions) : IncidentNotice(Incident)
{
    /// <summary>Where the incident came from, shown on the announcement (an alert's links); empty for a declare in chat.</summary>
    public IReadOnlyList<IncidentLink> Links { get; init; } = [];
}
