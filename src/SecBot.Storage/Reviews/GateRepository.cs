using System.Data;
using Dapper;
using SecBot.Domain.Reviews;
using SecBot.Storage.Database;
using SecBot.Storage.Ledger;

namespace SecBot.Storage.Reviews;

/// <summary>
/// Review gates, their sign-off ledger, timeline and reminder timers. Writes happen inside the caller's
/// <see cref="StoreTransaction"/>, so an engine decision commits whole or not at all; the outbox rows for its
/// notices are the chat layer's to add in the same transaction.
/// </summary>
public sealed class GateRepository
{
    private readonly IStore _store;

    public GateRepository(IStore store)
    {
        ArgumentNullException.ThrowIfNull(store);
        _store = store;
    }

    /// <summary>The gate with its sign-offs, read on its own connection; null when there is none.</summary>
    public Task<Gate?> LoadAsync(long number, CancellationToken cancellationToken) =>
        _store.ReadAsync(connection => LoadAsync(connection, null, number, cancellationToken), cancellationToken);

    /// <inheritdoc cref="ListAllAsync(IDbConnection, CancellationToken)"/>
    public Task<IReadOnlyList<Gate>> ListAllAsync(CancellationToken cancellationToken) =>
        _store.ReadAsync(connection => ListAllAsync(connection, cancellationToken), cancellationToken);

    /// <inheritdoc cref="TimelineAsync(IDbConnection, long, CancellationToken)"/>
    public Task<IReadOnlyList<GateEvent>> TimelineAsync(long number, CancellationToken cancellationToken) =>
        _store.ReadAsync(connection => TimelineAsync(connection, number, cancellationToken), cancellationToken);

    /// <inheritdoc cref="ReadLedgerAsync(IDbConnection, IDbTransaction?, CancellationToken)"/>
    public Task<IReadOnlyList<LedgerRecord>> ReadLedgerAsync(CancellationToken cancellationToken) =>
        _store.ReadAsync(connection => ReadLedgerAsync(connection, null, cancellationToken), cancellationToken);

    /// <summary>The number the next opened gate gets; only meaningful inside the write transaction that inserts it.</summary>
    public Task<long> NextNumberAsync(StoreTransaction transaction)
    {
        ArgumentNullException.ThrowIfNull(transaction);
        return transaction.NextIdAsync(NumberedTable.Gates);
    }

    /// <summary>The gate with every sign-off of every revision, stale ones included, in the order they were signed.</summary>
    public Task<Gate?> LoadAsync(StoreTransaction transaction, long number)
    {
        ArgumentNullException.ThrowIfNull(transaction);
        return LoadAsync(transaction.Statements, transaction.Transaction, number, transaction.CancellationToken);
    }

    /// <inheritdoc cref="LoadAsync(StoreTransaction, long)"/>
    public async Task<Gate?> LoadAsync(IDbConnection connection, IDbTransaction? transaction, long number, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(connection);
        // Both statements in one command: the gate row, then its sign-offs.
        await using var results = await connection.QueryMultipleAsync(new CommandDefinition(
            LoadSql, new { Number = number }, transaction, cancellationToken: cancellationToken));
        var row = await results.ReadSingleOrDefaultAsync<GateRow>();
        if (row is null) return null;
        var signOffs = await results.ReadAsync<SignOffRow>(buffered: false);
        return row.ToGate([.. signOffs.Select(s => s.ToSignOff())]);
    }

    private const string LoadSql =
        $"SELECT {GateRow.Columns} FROM gates WHERE id = @Number; "
        + $"SELECT {SignOffRow.Columns} FROM signoffs WHERE gate_id = @Number AND kind = '{LedgerRecord.SignOffKind}' ORDER BY id";

    /// <summary>Gates not yet approved (open, or changes requested and waiting on the requester), newest first, with their sign-offs.</summary>
    public async Task<IReadOnlyList<Gate>> ListOpenAsync(IDbConnection connection, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(connection);
        var rows = (await connection.QueryAsync<GateRow>(new CommandDefinition(
            $"SELECT {GateRow.Columns} FROM gates WHERE state <> '{GateStates.Approved}' ORDER BY id DESC", cancellationToken: cancellationToken))).ToList();
        if (rows.Count == 0) return [];
        var signOffs = (await connection.QueryAsync<SignOffRow>(new CommandDefinition(
            $"""
            SELECT {SignOffRow.Columns} FROM signoffs
            WHERE kind = '{LedgerRecord.SignOffKind}' AND gate_id IN (SELECT id FROM gates WHERE state <> '{GateStates.Approved}')
            ORDER BY id
            """,
            cancellationToken: cancellationToken))).ToLookup(s => s.GateId);
        return [.. rows.Select(r => r.ToGate([.. signOffs[r.Id].Select(s => s.ToSignOff())]))];
    }

    /// <summary>The gate's timeline, oldest first.</summary>
    public async Task<IReadOnlyList<GateEvent>> TimelineAsync(IDbConnection connection, long number, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(connection);
        var rows = await connection.QueryAsync<(DateTimeOffset At, string Kind, string Actor, string? Detail)>(new CommandDefinition(
            "SELECT at, kind, actor, detail FROM gate_events WHERE gate_id = @Number ORDER BY at, id",
            new { Number = number }, cancellationToken: cancellationToken));
        return [.. rows.Select(r => new GateEvent(r.At, r.Kind, r.Actor, r.Detail ?? ""))];
    }

    /// <summary>
    /// Commits a decision: the gate row (inserted when <paramref name="before"/> is null, else updated if it is still at
    /// <paramref name="before"/>'s version), its ledger rows appended to the hash chain, older revisions' sign-offs
    /// marked stale, its timeline rows and its review timers. Returns false, having written nothing, when the gate
    /// changed since <paramref name="before"/> was loaded (or already exists when <paramref name="before"/> is null),
    /// or when a seat the decision fills was filled meanwhile; the caller reloads and decides again.
    /// Outbox rows for the decision's notices are not written here.
    /// </summary>
    public async Task<bool> SaveAsync(StoreTransaction transaction, Gate? before, GateDecision decision)
    {
        ArgumentNullException.ThrowIfNull(transaction);
        ArgumentNullException.ThrowIfNull(decision);
        var gate = decision.Gate;
        if (before is not null && before.Number != gate.Number)
        {
            throw new ArgumentException($"the decision is about {gate.Key}, but before is {before.Key}", nameof(before));
        }

        if (before is not null && gate.Version <= before.Version)
        {
            // The version check only serializes decisions that move the version on.
            throw new ArgumentException($"the decision about {gate.Key} must move its version on from {before.Version}, not to {gate.Version}", nameof(decision));
        }

        if (decision.Ledger.FirstOrDefault(e => e.GateNumber != gate.Number) is { } stray)
        {
            throw new ArgumentException($"the decision about {gate.Key} carries a ledger entry for {GateKey.Format(stray.GateNumber)}", nameof(decision));
        }

        var records = await LedgerRecordsAsync(transaction, decision);
        // A seat filled meanwhile is refused by the ledger's unique indexes: nothing of this decision stays, the caller decides again.
        var saved = await transaction.TryAsync(
            async () =>
            {
                if (!await WriteGateAsync(transaction, before, gate)) return false;
                if (decision.Stale is { } stale)
                {
                    await transaction.ExecuteAsync(
                        $"UPDATE signoffs SET is_stale = 1 WHERE gate_id = @GateNumber AND revision < @CurrentRevision AND is_stale = 0 AND kind = '{LedgerRecord.SignOffKind}'",
                        new { stale.GateNumber, stale.CurrentRevision });
                }

                await LedgerWriter.AppendAsync(transaction, records);
                await InsertEventsAsync(transaction, gate.Number, decision.Events);
                return true;
            },
            StoreConstraint.Unique);
        if (!saved) return false;

        // Last, so that nothing after a scheduled timer can be rolled back to the savepoint.
        foreach (var timer in decision.Timers)
        {
            await transaction.ScheduleTimerAsync(ReviewTimer.Kind, GateKey.Format(timer.GateNumber), timer.DueAt, ReviewTimerPayload.Write(timer));
        }

        return true;
    }

    /// <summary>The decision's timeline rows, in order, with one multi-row INSERT (per <see cref="MultiRowSql.MaxRows"/>).</summary>
    private static async Task InsertEventsAsync(StoreTransaction transaction, long number, IReadOnlyList<GateEvent> events)
    {
        await EventInserts.ExecuteAsync(
            transaction,
            events,
            [("Number", number)],
            entry => [("At", entry.At), ("Kind", entry.Kind), ("Actor", entry.Actor), ("Detail", entry.Detail)]);
    }

    private static readonly MultiRowSql EventInserts = new(
        "INSERT INTO gate_events (gate_id, at, kind, actor, detail) VALUES ",
        "(@Number, @At{0}, @Kind{0}, @Actor{0}, @Detail{0})");

    private static async Task<bool> WriteGateAsync(StoreTransaction transaction, Gate? before, Gate gate)
    {
        var parameters = new
        {
            gate.Number,
            gate.Type,
            gate.Title,
            gate.RequestedBy,
            gate.RequestedVia,
            State = GateStates.Format(gate.State),
            gate.Revision,
            gate.StageNumber,
            gate.StageOpenedAt,
            gate.DecidedAt,
            gate.IncidentNumber,
            gate.OwnerPersonId,
            gate.RequestedAt,
            gate.Version,
            PreviousVersion = before?.Version ?? 0,
            transaction.Now,
        };
        if (before is null)
        {
            return await transaction.ExecuteAsync(
                """
                INSERT INTO gates (id, type, title, requester, requested_via, state, revision, stage_number, stage_opened_at, decided_at,
                    incident_id, owner_person_id, created_at, updated_at, version)
                VALUES (@Number, @Type, @Title, @RequestedBy, @RequestedVia, @State, @Revision, @StageNumber, @StageOpenedAt, @DecidedAt,
                    @IncidentNumber, @OwnerPersonId, @RequestedAt, @Now, @Version)
                ON CONFLICT (id) DO NOTHING
                """,
                parameters) == 1;
        }

        return await transaction.ExecuteAsync(
            """
            UPDATE gates SET title = @Title, state = @State, revision = @Revision, stage_number = @StageNumber,
                stage_opened_at = @StageOpenedAt, decided_at = @DecidedAt, incident_id = @IncidentNumber,
                owner_person_id = @OwnerPersonId, updated_at = @Now, version = @Version
            WHERE id = @Number AND version = @PreviousVersion
            """,
            parameters) == 1;
    }

    /// <summary>
    /// The decision's ledger entries as rows: the signer's name as the roster shows it now, and whether a sign-off
    /// was on an optional seat (which the entry does not carry, but the matching sign-off on the new gate does).
    /// </summary>
    private static async Task<IReadOnlyList<LedgerRecord>> LedgerRecordsAsync(StoreTransaction transaction, GateDecision decision)
    {
        var names = new Dictionary<string, string?>(StringComparer.Ordinal);
        var records = new List<LedgerRecord>(decision.Ledger.Count);
        foreach (var entry in decision.Ledger)
        {
            if (!names.TryGetValue(entry.PersonId, out var name))
            {
                name = await transaction.ExecuteScalarAsync<string?>("SELECT name FROM people WHERE id = @Id", new { Id = entry.PersonId });
                names[entry.PersonId] = name;
            }

            var optional = entry.SeatId != LedgerEntry.WholeGate
                && decision.Gate.SignOffs.LastOrDefault(s => Matches(s, entry))?.IsOptionalSeat == true;
            records.Add(LedgerRecord.From(entry, name, optional));
        }

        return records;
    }

    private static bool Matches(SignOff signOff, LedgerEntry entry) =>
        signOff.Revision == entry.Revision
        && signOff.StageNumber == entry.StageNumber
        && signOff.SeatId == entry.SeatId
        && signOff.PersonId == entry.PersonId
        && signOff.At == entry.At
        && LedgerDecisions.Of(signOff.Decision) == entry.Decision;

    /// <summary>Every gate, approved ones included, oldest first, with its sign-offs.</summary>
    public async Task<IReadOnlyList<Gate>> ListAllAsync(IDbConnection connection, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(connection);
        var rows = (await connection.QueryAsync<GateRow>(new CommandDefinition(
            $"SELECT {GateRow.Columns} FROM gates ORDER BY id", cancellationToken: cancellationToken))).ToList();
        var signOffs = (await connection.QueryAsync<SignOffRow>(new CommandDefinition(
            $"SELECT {SignOffRow.Columns} FROM signoffs WHERE kind = '{LedgerRecord.SignOffKind}' ORDER BY id",
            cancellationToken: cancellationToken))).ToLookup(s => s.GateId);
        return [.. rows.Select(r => r.ToGate([.. signOffs[r.Id].Select(s => s.ToSignOff())]))];
    }

    /// <summary>The whole sign-off ledger (sign-offs and gate decisions of every gate) in chain order, as stored.</summary>
    public async Task<IReadOnlyList<LedgerRecord>> ReadLedgerAsync(IDbConnection connection, IDbTransaction? transaction, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(connection);
        var records = await connection.QueryAsync<LedgerRecord>(new CommandDefinition(
            $"SELECT {LedgerWriter.Columns}, is_stale FROM signoffs ORDER BY id", transaction: transaction, cancellationToken: cancellationToken));
        return [.. records];
    }
}
