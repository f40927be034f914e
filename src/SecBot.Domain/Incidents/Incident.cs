namespace SecBot.Domain.Incidents;

/// <summary>The incident aggregate as the engine sees it: state, level, who was paged, who acknowledged.</summary>
public sealed record Incident
{
    public required long Number { get; init; }
    public required string Title { get; init; }
    public required string Type { get; init; }
    public required string Level { get; init; }
    public required IncidentState State { get; init; }
    public required string DeclaredBy { get; init; }
    public required DateTimeOffset DeclaredAt { get; init; }
    public string? LeadPersonId { get; init; }

    /// <summary>The level whose automatic escalation an acknowledgement stopped.</summary>
    public string? AcknowledgedLevel { get; init; }
    public string? AcknowledgedBy { get; init; }
    public DateTimeOffset? AcknowledgedAt { get; init; }

    public string? ResolvedBy { get; init; }
    public DateTimeOffset? ResolvedAt { get; init; }
    public string? Summary { get; init; }

    /// <summary>Where it was declared, so replies and announcements can follow (channel or thread reference).</summary>
    public string? Origin { get; init; }

    public IReadOnlyList<Page> Pages { get; init; } = [];

    /// <summary>Optimistic concurrency: the store refuses to save a decision made on an older version.</summary>
    public int Version { get; init; }

    public string Key => IncidentKey.Format(Number);

    public bool IsOpen => State != IncidentState.Resolved;

    public IEnumerable<string> PeopleOnIncident => Pages.Select(p => p.PersonId).Distinct(StringComparer.Ordinal);
}
