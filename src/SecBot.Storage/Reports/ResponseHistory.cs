using System.Data;
using Dapper;
using SecBot.Domain.Incidents;
using SecBot.Domain.Reviews;
using SecBot.Storage.Reviews;

namespace SecBot.Storage.Reports;

/// <summary>
/// The rows the response numbers are computed from, read once on the caller's connection: incidents declared since a
/// time (with when each was first acknowledged and when it was resolved), pages sent since then, and review gates
/// opened since then (with when each was decided).
/// </summary>
public sealed class ResponseHistory
{
    public async Task<ResponseRows> ReadAsync(IDbConnection connection, DateTimeOffset since, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(connection);
        var parameters = new { Since = since, Acknowledged = IncidentEventKinds.Acknowledged };
        // The row's acknowledged_at is the latest acknowledgement (an escalated incident is acknowledged again at each
        // level); the time to acknowledge counts to the first, which the timeline keeps.
        var incidents = await connection.QueryAsync<IncidentTimesRow>(new CommandDefinition(
            """
            SELECT i.id, i.type, i.level, i.created_at,
                (SELECT min(e.at) FROM incident_events e WHERE e.incident_id = i.id AND e.kind = @Acknowledged) AS first_acknowledged_at,
                i.resolved_at
            FROM incidents i WHERE i.created_at >= @Since ORDER BY i.id
            """,
            parameters,
            cancellationToken: cancellationToken));
        var pages = await connection.QueryAsync<PageTimesRow>(new CommandDefinition(
            """
            SELECT p.incident_id, p.person_id, pe.name AS person_name, p.paged_at, p.reason
            FROM pages p LEFT JOIN people pe ON pe.id = p.person_id
            WHERE p.paged_at >= @Since ORDER BY p.id
            """,
            parameters,
            cancellationToken: cancellationToken));
        var gates = await connection.QueryAsync<GateTimesRow>(new CommandDefinition(
            "SELECT id, type, state, created_at, decided_at FROM gates WHERE created_at >= @Since ORDER BY id", parameters, cancellationToken: cancellationToken));
        var ever = await connection.ExecuteScalarAsync<long>(new CommandDefinition("SELECT count(*) FROM incidents", cancellationToken: cancellationToken));
        return new ResponseRows(
            [.. incidents.Select(r => new IncidentTimes(r.Id, r.Type, r.Level, r.CreatedAt, r.FirstAcknowledgedAt, r.ResolvedAt))],
            [.. pages.Select(r => new PageTimes(r.IncidentId, r.PersonId, r.PersonName ?? r.PersonId, r.PagedAt, Enum.TryParse<PageReason>(r.Reason, ignoreCase: true, out var reason) ? reason : PageReason.OnCall))],
            [.. gates.Select(r => new GateTimes(r.Id, r.Type, GateStates.Parse(r.State), r.CreatedAt, r.DecidedAt))],
            ever);
    }

    private sealed class IncidentTimesRow
    {
        public long Id { get; init; }
        public string Type { get; init; } = "";
        public string Level { get; init; } = "";
        public DateTimeOffset CreatedAt { get; init; }
        public DateTimeOffset? FirstAcknowledgedAt { get; init; }
        public DateTimeOffset? ResolvedAt { get; init; }
    }

    private sealed class PageTimesRow
    {
        public long IncidentId { get; init; }
        public string PersonId { get; init; } = "";
        public string? PersonName { get; init; }
        public DateTimeOffset PagedAt { get; init; }
        public string Reason { get; init; } = "";
    }

    private sealed class GateTimesRow
    {
        public long Id { get; init; }
        public string Type { get; init; } = "";
        public string State { get; init; } = "";
        public DateTimeOffset CreatedAt { get; init; }
        public DateTimeOffset? DecidedAt { get; init; }
    }
}

/// <summary>What <see cref="ResponseHistory"/> read; <see cref="IncidentsEver"/> counts every incident, however old.</summary>
public sealed record ResponseRows(IReadOnlyList<IncidentTimes> Incidents, IReadOnlyList<PageTimes> Pages, IReadOnlyList<GateTimes> Gates, long IncidentsEver);

/// <summary>An incident's type, level (where it stands, or stood when resolved), and the instants its response is measured by.</summary>
public sealed record IncidentTimes(long Number, string Type, string Level, DateTimeOffset DeclaredAt, DateTimeOffset? FirstAcknowledgedAt, DateTimeOffset? ResolvedAt);

public sealed record PageTimes(long Incident, string PersonId, string PersonName, DateTimeOffset PagedAt, PageReason Reason);

/// <summary>A gate's type and state, when it was opened and when it was last decided (approved, or changes requested).</summary>
public sealed record GateTimes(long Number, string Type, GateState State, DateTimeOffset OpenedAt, DateTimeOffset? DecidedAt);
