using System.Data;
using Dapper;
using SecBot.Domain.Incidents;
using SecBot.Storage.Database;

namespace SecBot.Storage.Incidents;

/// <summary>
/// Incidents, their pages, timeline and ack timers. Writes happen inside the caller's
/// <see cref="StoreTransaction"/>, so an engine decision commits whole or not at all.
/// </summary>
public sealed class IncidentRepository
{
    private readonly IStore _store;

    public IncidentRepository(IStore store)
    {
        ArgumentNullException.ThrowIfNull(store);
        _store = store;
    }

    /// <summary>The incident with its pages, read on its own connection; null when there is none.</summary>
    public Task<Incident?> LoadAsync(long number, CancellationToken cancellationToken) =>
        _store.ReadAsync(connection => LoadAsync(connection, null, number, cancellationToken), cancellationToken);

    /// <inheritdoc cref="ListAllAsync(IDbConnection, IDbTransaction?, CancellationToken)"/>
    public Task<IReadOnlyList<Incident>> ListAllAsync(CancellationToken cancellationToken) =>
        _store.ReadAsync(connection => ListAllAsync(connection, null, cancellationToken), cancellationToken);

    /// <inheritdoc cref="TimelineAsWrittenAsync(IDbConnection, long, CancellationToken)"/>
    public Task<IReadOnlyList<IncidentEvent>> TimelineAsWrittenAsync(long number, CancellationToken cancellationToken) =>
        _store.ReadAsync(connection => TimelineAsWrittenAsync(connection, number, cancellationToken), cancellationToken);

    /// <summary>The number the next declared incident gets; only meaningful inside the write transaction that inserts it.</summary>
    public Task<long> NextNumberAsync(StoreTransaction transaction)
    {
        ArgumentNullException.ThrowIfNull(transaction);
        return transaction.NextIdAsync(NumberedTable.Incidents);
    }

    public Task<Incident?> LoadAsync(StoreTransaction transaction, long number)
    {
        ArgumentNullException.ThrowIfNull(transaction);
        return LoadAsync(transaction.Statements, transaction.Transaction, number, transaction.CancellationToken);
    }

    public async Task<Incident?> LoadAsync(IDbConnection connection, IDbTransaction? transaction, long number, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(connection);
        var row = await connection.QuerySingleOrDefaultAsync<IncidentRow>(new CommandDefinition(
            $"SELECT {IncidentRow.Columns} FROM incidents WHERE id = @Number", new { Number = number }, transaction, cancellationToken: cancellationToken));
        if (row is null) return null;
        var pages = await connection.QueryAsync<PageRow>(new CommandDefinition(
            $"SELECT {PageRow.Columns} FROM pages WHERE incident_id = @Number ORDER BY id", new { Number = number }, transaction, cancellationToken: cancellationToken));
        return row.ToIncident([.. pages.Select(p => p.ToPage())]);
    }

    /// <summary>The newest open incident declared at <paramref name="origin"/> (a channel, or channel/thread).</summary>
    public Task<long?> FindOpenByOriginAsync(IDbConnection connection, IDbTransaction? transaction, string origin, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(connection);
        return connection.ExecuteScalarAsync<long?>(new CommandDefinition(
            "SELECT id FROM incidents WHERE origin = @Origin AND state <> 'resolved' ORDER BY id DESC LIMIT 1",
            new { Origin = origin }, transaction, cancellationToken: cancellationToken));
    }

    /// <summary>Open incidents, newest first, with their pages.</summary>
    public async Task<IReadOnlyList<Incident>> ListOpenAsync(IDbConnection connection, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(connection);
        var rows = (await connection.QueryAsync<IncidentRow>(new CommandDefinition(
            $"SELECT {IncidentRow.Columns} FROM incidents WHERE state <> 'resolved' ORDER BY id DESC", cancellationToken: cancellationToken))).ToList();
        var pages = (await connection.QueryAsync<PageRow>(new CommandDefinition(
            $"SELECT {PageRow.Columns} FROM pages WHERE incident_id IN (SELECT id FROM incidents WHERE state <> 'resolved') ORDER BY id",
            cancellationToken: cancellationToken))).ToLookup(p => p.IncidentId);
        return [.. rows.Select(r => r.ToIncident([.. pages[r.Id].Select(p => p.ToPage())]))];
    }

    /// <summary>How many incidents are open, per level and type (through the partial index on open incidents).</summary>
    public async Task<IReadOnlyList<(string Level, string Type, long Open)>> CountOpenAsync(IDbConnection connection, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(connection);
        var rows = await connection.QueryAsync<(string Level, string Type, long Open)>(new CommandDefinition(
            "SELECT level, type, count(*) FROM incidents WHERE state <> 'resolved' GROUP BY level, type ORDER BY level, type",
            cancellationToken: cancellationToken));
        return [.. rows];
    }

    public async Task<IReadOnlyList<IncidentEvent>> TimelineAsync(IDbConnection connection, long number, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(connection);
        var rows = await connection.QueryAsync<(DateTimeOffset At, string Kind, string Actor, string? Detail)>(new CommandDefinition(
            "SELECT at, kind, actor, detail FROM incident_events WHERE incident_id = @Number ORDER BY at, id",
            new { Number = number }, cancellationToken: cancellationToken));
        return [.. rows.Select(r => new IncidentEvent(r.At, r.Kind, r.Actor, r.Detail ?? ""))];
    }

    /// <summary>
    /// Commits a decision: the incident row (inserted when <paramref name="before"/> is null, else updated if it is
    /// still at <paramref name="before"/>'s version), the pages it added, its timeline rows and its timers.
    /// </summary>
    public async Task SaveAsync(StoreTransaction transaction, Incident? before, IncidentDecision decision)
    {
        ArgumentNullException.ThrowIfNull(transaction);
        ArgumentNullException.ThrowIfNull(decision);
        var incident = decision.Incident;
        var parameters = Parameters(incident, transaction.Now);
        if (before is null)
        {
            await transaction.ExecuteAsync(
                """
                INSERT INTO incidents (id, title, type, level, state, declared_by, lead_person_id, origin, acknowledged_level,
                    acknowledged_by, acknowledged_at, resolved_by, resolved_at, summary, created_at, updated_at, version)
                VALUES (@Number, @Title, @Type, @Level, @State, @DeclaredBy, @LeadPersonId, @Origin, @AcknowledgedLevel,
                    @AcknowledgedBy, @AcknowledgedAt, @ResolvedBy, @ResolvedAt, @Summary, @DeclaredAt, @Now, @Version)
                """,
                parameters);
        }
        else
        {
            var updated = await transaction.ExecuteAsync(
                """
                UPDATE incidents SET level = @Level, state = @State, lead_person_id = @LeadPersonId,
                    acknowledged_level = @AcknowledgedLevel, acknowledged_by = @AcknowledgedBy, acknowledged_at = @AcknowledgedAt,
                    resolved_by = @ResolvedBy, resolved_at = @ResolvedAt, summary = @Summary, updated_at = @Now, version = @Version
                WHERE id = @Number AND version = @PreviousVersion
                """,
                new DynamicParameters(parameters).With("PreviousVersion", before.Version));
            if (updated != 1) throw new DBConcurrencyException($"{incident.Key} changed since it was loaded (version {before.Version})");
        }

        foreach (var page in incident.Pages.Skip(before?.Pages.Count ?? 0))
        {
            await transaction.ExecuteAsync(
                """
                INSERT INTO pages (incident_id, person_id, level, attempt, paged_at, reason, note)
                VALUES (@Number, @PersonId, @Level, @Attempt, @PagedAt, @Reason, @Note)
                """,
                new { incident.Number, page.PersonId, page.Level, page.Attempt, page.PagedAt, Reason = page.Reason.ToString(), page.Note });
        }

        foreach (var entry in decision.Events)
        {
            await transaction.AppendIncidentEventAsync(incident.Number, entry.Kind, entry.Actor, entry.Detail, entry.At);
        }

        foreach (var timer in decision.Timers)
        {
            await transaction.ScheduleTimerAsync(EscalationTimer.Kind, incident.Key, timer.DueAt, TimerPayload.Write(timer));
        }

        RecordFacts(transaction, before, decision);
    }

    /// <summary>What this decision changed, counted once it commits: the one place incidents, pages, acks and escalations are counted.</summary>
    private static void RecordFacts(StoreTransaction transaction, Incident? before, IncidentDecision decision)
    {
        var incident = decision.Incident;
        if (before is null) transaction.Record(metrics => metrics.IncidentDeclared(incident.Level, incident.Type));
        foreach (var page in incident.Pages.Skip(before?.Pages.Count ?? 0))
        {
            transaction.Record(metrics => metrics.PageSent(page.Level, page.Reason.ToString()));
        }

        if (before?.AcknowledgedAt is null && incident.AcknowledgedAt is { } acknowledgedAt)
        {
            transaction.Record(metrics => metrics.Acknowledged(incident.Level, incident.Type, acknowledgedAt - incident.DeclaredAt));
        }

        foreach (var entry in decision.Events)
        {
            var trigger = entry.Kind switch
            {
                IncidentEventKinds.AutoEscalated => "automatic",
                IncidentEventKinds.Escalated => "manual",
                _ => null,
            };
            if (trigger is not null) transaction.Record(metrics => metrics.Escalated(trigger, incident.Level));
        }

        if (before is { IsOpen: true } && !incident.IsOpen) transaction.Record(metrics => metrics.IncidentResolved(incident.Level, incident.Type));
    }

    private static DynamicParameters Parameters(Incident incident, DateTimeOffset now)
    {
        var parameters = new DynamicParameters();
        parameters.AddDynamicParams(new
        {
            incident.Number,
            incident.Title,
            incident.Type,
            incident.Level,
            State = IncidentStates.Format(incident.State),
            incident.DeclaredBy,
            incident.LeadPersonId,
            incident.Origin,
            incident.AcknowledgedLevel,
            incident.AcknowledgedBy,
            incident.AcknowledgedAt,
            incident.ResolvedBy,
            incident.ResolvedAt,
            incident.Summary,
            incident.DeclaredAt,
            incident.Version,
            Now = now,
        });
        return parameters;
    }

    /// <summary>Every incident, resolved ones included, oldest first, with its pages.</summary>
    public async Task<IReadOnlyList<Incident>> ListAllAsync(IDbConnection connection, IDbTransaction? transaction, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(connection);
        var rows = (await connection.QueryAsync<IncidentRow>(new CommandDefinition(
            $"SELECT {IncidentRow.Columns} FROM incidents ORDER BY id", transaction: transaction, cancellationToken: cancellationToken))).ToList();
        var pages = (await connection.QueryAsync<PageRow>(new CommandDefinition(
            $"SELECT {PageRow.Columns} FROM pages ORDER BY id", transaction: transaction, cancellationToken: cancellationToken))).ToLookup(p => p.IncidentId);
        return [.. rows.Select(r => r.ToIncident([.. pages[r.Id].Select(p => p.ToPage())]))];
    }

    /// <summary>The incident's timeline in the order its rows were written (<see cref="TimelineAsync"/> orders by time).</summary>
    public async Task<IReadOnlyList<IncidentEvent>> TimelineAsWrittenAsync(IDbConnection connection, long number, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(connection);
        var rows = await connection.QueryAsync<(DateTimeOffset At, string Kind, string Actor, string? Detail)>(new CommandDefinition(
            "SELECT at, kind, actor, detail FROM incident_events WHERE incident_id = @Number ORDER BY id",
            new { Number = number }, cancellationToken: cancellationToken));
        return [.. rows.Select(r => new IncidentEvent(r.At, r.Kind, r.Actor, r.Detail ?? ""))];
    }
}
