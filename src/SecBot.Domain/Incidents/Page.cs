namespace SecBot.Domain.Incidents;

/// <summary>One page sent to one person. A re-page is a new page with the next attempt number.</summary>
public sealed record Page(
    string PersonId,
    string Level,
    int Attempt,
    DateTimeOffset PagedAt,
    PageReason Reason,
    string? Note = null);

public enum PageReason
{
    /// <summary>Paged by the level's targets (rotation, role holders or an override).</summary>
    OnCall,

    /// <summary>Nobody was on call for a target; the team's manager was paged instead.</summary>
    ManagerFallback,

    /// <summary>Paged as the incident lead (customer incidents: the IR lead).</summary>
    Lead,

    /// <summary>Told, not asked to acknowledge (Executive).</summary>
    Notification,
}
