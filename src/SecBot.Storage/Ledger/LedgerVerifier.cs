using System.Data.Common;
using SecBot.Domain.Reviews;

namespace SecBot.Storage.Ledger;

/// <summary>
/// Walks the sign-off ledger in id order, streaming it through one data reader and one reused
/// <see cref="LedgerHasher"/>, and stops at the first bad record: a missing id (the sequence must run 1, 2, 3...),
/// a prev_hash that is not the previous record's hash, or a hash that is not the hash of the record's contents.
/// When the chain is intact it then checks what the hash cannot cover against the chain:
/// <list type="bullet">
/// <item>each gate's <c>requester</c> and <c>type</c> against its <see cref="LedgerDecisions.Opened"/> record
/// (<see cref="LedgerFaultKind.GateMismatch"/>);</item>
/// <item>each record's <c>is_stale</c> flag (<see cref="LedgerFaultKind.StaleMismatch"/>): a sign-off is stale exactly
/// when its revision is lower than the revision of its gate's latest <see cref="LedgerDecisions.Resubmitted"/>
/// record (that is what <c>GateRepository</c> marks, in the transaction that appends the resubmitted record), and a
/// gate-level record is never stale.</item>
/// </list>
/// It also fails when a guard trigger of the table is missing or replaced (<see cref="LedgerGuards"/>) and when a pinned
/// head (<see cref="LedgerPin"/>) is no longer in the chain. It reads inside one read-only transaction
/// (<see cref="LedgerSnapshot"/>), so every pass sees the same snapshot and it can run while the service writes.
/// SQLite and PostgreSQL connections both work.
/// </summary>
public static class LedgerVerifier
{
    internal const string Select =
        "SELECT id, gate_id, revision, stage, seat, kind, person_id, person_name, role_held, decision, comment, checklist, " +
        "platform, is_override, optional_seat, at, prev_hash, hash FROM signoffs";

    public static Task<LedgerVerification> VerifyAsync(DbConnection store, CancellationToken cancellationToken) =>
        VerifyAsync(store, [], cancellationToken);

    /// <summary>
    /// Verifies the ledger as above, and also that the guard triggers are in place (<see cref="LedgerGuards"/>) and that
    /// the chain still holds each of <paramref name="pins"/> (heads noted down or signed outside the database).
    /// <paramref name="store"/> is an open SQLite or PostgreSQL connection with no transaction of its own; on another
    /// provider's it throws <see cref="NotSupportedException"/>.
    /// </summary>
    public static async Task<LedgerVerification> VerifyAsync(DbConnection store, IReadOnlyCollection<LedgerPin> pins, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(store);
        ArgumentNullException.ThrowIfNull(pins);

        // The chain walk and the checks after it see one snapshot.
        var (opened, guards) = await LedgerSnapshot.BeginAsync(store, "ledger verify", cancellationToken);
        await using var snapshot = opened;
        var gates = new Dictionary<long, GateFacts>();
        using var chain = new LedgerChain(pins, mustStartAtOne: true);
        await using (var command = store.CreateCommand())
        {
            command.Transaction = snapshot;
            command.CommandText = Select + " ORDER BY id";
            await using var reader = await command.ExecuteReaderAsync(cancellationToken);
            while (await reader.ReadAsync(cancellationToken))
            {
                var record = Read(reader);
                if (!chain.Append(record)) return Result(chain, chain.Fault, guards, [], []);
                Note(gates, record);
            }
        }

        // The chain is intact, so the opened and resubmitted records gathered from it are genuine. Report the earliest
        // record either check finds fault with.
        var gateFault = await CheckGatesAsync(store, snapshot, gates, cancellationToken);
        var staleFault = await CheckStaleFlagsAsync(store, snapshot, gates, cancellationToken);
        var first = gateFault is null || (staleFault is not null && staleFault.Id < gateFault.Id) ? staleFault : gateFault;
        var (confirmed, unpinned) = chain.CheckPins();
        return Result(chain, first, guards, unpinned, confirmed);
    }

    internal static LedgerVerification Result(
        LedgerChain chain, LedgerFault? fault, IReadOnlyList<string> guards, IReadOnlyList<string> unpinned, IReadOnlyList<string> confirmed) =>
        new(chain.Verified, chain.LastId, chain.LastHash, fault)
        {
            FirstId = chain.FirstId == 0 ? 1 : chain.FirstId,
            Problems = [.. guards, .. unpinned],
            Confirmed = confirmed,
        };

    /// <summary>Remembers, per gate, its first opened record (and whom it was requested for) and the revision of its latest resubmitted record.</summary>
    private static void Note(Dictionary<long, GateFacts> gates, LedgerRecord record)
    {
        if (record.Kind != LedgerRecord.GateDecisionKind) return;
        if (record.Decision == LedgerDecisions.Opened)
        {
            var facts = gates.GetValueOrDefault(record.GateId);
            if (facts.OpenedId == 0) gates[record.GateId] = facts with { OpenedId = record.Id, Requester = GateOpening.RequestedForOf(record.Comment) ?? record.PersonId, Type = GateOpening.TypeOf(record.Comment) };
        }
        else if (record.Decision == LedgerDecisions.Resubmitted)
        {
            var facts = gates.GetValueOrDefault(record.GateId);
            gates[record.GateId] = facts with { ResubmittedRevision = Math.Max(facts.ResubmittedRevision, record.Revision) };
        }
    }

    /// <summary>
    /// Each gate's requester and type must be what its opened record says. Gates opened before the ledger recorded
    /// openings have no opened record: there is nothing to hold their gate row against, so they are passed over
    /// rather than failed (an older database still verifies; only gates opened since are protected).
    /// </summary>
    private static async Task<LedgerFault?> CheckGatesAsync(
        DbConnection connection, DbTransaction snapshot, Dictionary<long, GateFacts> gates, CancellationToken cancellationToken)
    {
        if (!gates.Values.Any(g => g.OpenedId != 0)) return null;
        await using var command = connection.CreateCommand();
        command.Transaction = snapshot;
        command.CommandText = "SELECT id, requester, type FROM gates ORDER BY id";
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        LedgerFault? first = null;
        while (await reader.ReadAsync(cancellationToken))
        {
            var gate = reader.GetInt64(0);
            if (!gates.TryGetValue(gate, out var facts) || facts.OpenedId == 0) continue;
            if (first is not null && first.Id < facts.OpenedId) continue;

            var requester = reader.GetString(1);
            var type = reader.GetString(2);
            string? problem = null;
            if (!string.Equals(requester, facts.Requester, StringComparison.Ordinal))
            {
                problem = $"the gate's requester is '{requester}', but its opened record names '{facts.Requester}'";
            }
            else if (!string.Equals(type, facts.Type, StringComparison.Ordinal))
            {
                problem = facts.Type is null
                    ? $"the gate's type is '{type}', but its opened record does not name a type"
                    : $"the gate's type is '{type}', but its opened record names '{facts.Type}'";
            }

            if (problem is not null)
            {
                first = new LedgerFault(facts.OpenedId, gate, LedgerFaultKind.GateMismatch, $"{problem}: the gates row was changed after it was opened");
            }
        }

        return first;
    }

    /// <summary>The first record whose is_stale flag is not what the chain's resubmitted records make it.</summary>
    private static async Task<LedgerFault?> CheckStaleFlagsAsync(
        DbConnection connection, DbTransaction snapshot, Dictionary<long, GateFacts> gates, CancellationToken cancellationToken)
    {
        await using var command = connection.CreateCommand();
        command.Transaction = snapshot;
        command.CommandText = "SELECT id, gate_id, revision, kind, is_stale FROM signoffs ORDER BY id";
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        while (await reader.ReadAsync(cancellationToken))
        {
            var (id, gate, revision, kind, stale) = (reader.GetInt64(0), reader.GetInt64(1), Int(reader, 2), reader.GetString(3), reader.GetInt64(4) != 0);
            var resubmitted = gates.GetValueOrDefault(gate).ResubmittedRevision;
            var shouldBeStale = kind == LedgerRecord.SignOffKind && revision < resubmitted;
            if (stale == shouldBeStale) continue;

            var why = kind != LedgerRecord.SignOffKind
                ? "a gate-level record is never stale"
                : resubmitted == 0
                    ? $"the gate was never resubmitted, so its revision {revision} sign-offs still count"
                    : stale
                        ? $"it belongs to revision {revision}, which is the gate's latest resubmitted revision ({resubmitted}) or newer"
                        : $"it belongs to revision {revision}, older than the gate's latest resubmitted revision ({resubmitted})";
            var flag = stale ? "marked stale" : "not marked stale";
            return new LedgerFault(id, gate, LedgerFaultKind.StaleMismatch, $"{flag}, but {why}: the stale flag was changed outside a resubmission");
        }

        return null;
    }

    internal static LedgerRecord Read(DbDataReader reader) => new()
    {
        Id = reader.GetInt64(0),
        GateId = reader.GetInt64(1),
        Revision = Int(reader, 2),
        Stage = Int(reader, 3),
        Seat = reader.GetString(4),
        Kind = reader.GetString(5),
        PersonId = reader.GetString(6),
        PersonName = reader.IsDBNull(7) ? null : reader.GetString(7),
        RoleHeld = reader.GetString(8),
        Decision = reader.GetString(9),
        Comment = reader.IsDBNull(10) ? null : reader.GetString(10),
        Checklist = reader.IsDBNull(11) ? null : reader.GetString(11),
        Platform = reader.GetString(12),
        IsOverride = reader.GetInt64(13) != 0,
        OptionalSeat = reader.GetInt64(14) != 0,
        At = reader.GetInt64(15),
        PrevHash = reader.IsDBNull(16) ? null : reader.GetString(16),
        Hash = reader.IsDBNull(17) ? null : reader.GetString(17),
    };

    // Both providers store these as 64-bit integers (PostgreSQL bigint); the record holds them as int.
    private static int Int(DbDataReader reader, int ordinal) => checked((int)reader.GetInt64(ordinal));

    /// <summary>What the chain says about one gate: its opened record (0 when it has none) and its latest resubmitted revision (0: none).</summary>
    private readonly record struct GateFacts(long OpenedId, string? Requester, string? Type, int ResubmittedRevision);
}
