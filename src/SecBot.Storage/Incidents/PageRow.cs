using SecBot.Domain.Incidents;

namespace SecBot.Storage.Incidents;

internal sealed class PageRow
{
    public const string Columns = "incident_id, person_id, level, attempt, paged_at, reason, note";

    public long IncidentId { get; init; }
    public string PersonId { get; init; } = "";
    public string Level { get; init; } = "";
    public int Attempt { get; init; }
    public DateTimeOffset PagedAt { get; init; }
    public string Reason { get; init; } = "";
    public string? Note { get; init; }

    public Page ToPage() =>
        new(PersonId, Level, Attempt, PagedAt, Enum.TryParse<PageReason>(Reason, ignoreCase: true, out var reason) ? reason : PageReason.OnCall, Note);
}
