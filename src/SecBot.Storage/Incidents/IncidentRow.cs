using SecBot.Domain.Incidents;

namespace SecBot.Storage.Incidents;

/// <summary>The incidents columns as Dapper reads them.</summary>
internal sealed class IncidentRow
{
    public const string Columns =
        "id, title, type, level, state, declared_by, lead_person_id, origin, acknowledged_level, acknowledged_by, " +
        "acknowledged_at, resolved_by, resolved_at, summary, created_at, version";

    public long Id { get; init; }
    public string Title { get; init; } = "";
    public string Type { get; init; } = "";
    public string Level { get; init; } = "";
    public string State { get; init; } = "";
    public string DeclaredBy { get; init; } = "";
    public string? LeadPersonId { get; init; }
    public string? Origin { get; init; }
    public string? AcknowledgedLevel { get; init; }
    public string? AcknowledgedBy { get; init; }
    public DateTimeOffset? AcknowledgedAt { get; init; }
    public string? ResolvedBy { get; init; }
    public DateTimeOffset? ResolvedAt { get; init; }
    public string? Summary { get; init; }
    public DateTimeOffset CreatedAt { get; init; }
    public int Version { get; init; }

    public Incident ToIncident(IReadOnlyList<Page> pages) => new()
    {
        Number = Id,
        Title = Title,
        Type = Type,
        Level = Level,
        State = IncidentStates.Parse(State),
        DeclaredBy = DeclaredBy,
        DeclaredAt = CreatedAt,
        LeadPersonId = LeadPersonId,
        Origin = Origin,
        AcknowledgedLevel = AcknowledgedLevel,
        AcknowledgedBy = AcknowledgedBy,
        AcknowledgedAt = AcknowledgedAt,
        ResolvedBy = ResolvedBy,
        ResolvedAt = ResolvedAt,
        Summary = Summary,
        Pages = pages,
        Version = Version,
    };
}
