namespace SecBot.Domain.Incidents;

/// <summary>What one engine call changed: the new incident, its timeline rows, who to tell, what timers to set.</summary>
public sealed record IncidentDecision(
    Incident Incident,
    IReadOnlyList<IncidentEvent> Events,
    IReadOnlyList<IncidentNotice> Notices,
    IReadOnlyList<EscalationTimer> Timers);
