using SecBot.Storage.Database;

namespace SecBot.Storage.Ledger;

/// <summary>
/// Appends records to the end of the chain inside a write transaction: each takes the next id and the previous
/// record's hash, and is hashed by <see cref="LedgerHasher"/>. Appending writers take turns until they commit (one
/// writer at a time on SQLite, an advisory lock on PostgreSQL), and the refuse-fork guard keeps the chain linear.
/// </summary>
internal static class LedgerWriter
{
    public const string Columns =
        "id, gate_id, revision, stage, seat, kind, person_id, person_name, role_held, decision, comment, checklist, " +
        "platform, is_override, optional_seat, at, prev_hash, hash";

    public static async Task<IReadOnlyList<LedgerRecord>> AppendAsync(StoreTransaction transaction, IReadOnlyList<LedgerRecord> records)
    {
        ArgumentNullException.ThrowIfNull(transaction);
        ArgumentNullException.ThrowIfNull(records);
        if (records.Count == 0) return [];

        await transaction.TakeTurnAsync(SerializedSection.LedgerAppend);

        // (0, null) when the ledger is empty: the first record is id 1 with no prev_hash.
        var last = (await transaction.QueryAsync<(long Id, string? Hash)>("SELECT id, hash FROM signoffs ORDER BY id DESC LIMIT 1")).FirstOrDefault();
        var id = last.Id;
        var prevHash = last.Hash;
        var appended = new List<LedgerRecord>(records.Count);
        using var hasher = new LedgerHasher();
        foreach (var record in records)
        {
            var chained = record with { Id = ++id, PrevHash = prevHash, Hash = null, IsStale = false };
            chained = chained with { Hash = hasher.Compute(chained) };
            await transaction.ExecuteAsync(
                $"""
                INSERT INTO signoffs ({Columns})
                VALUES (@Id, @GateId, @Revision, @Stage, @Seat, @Kind, @PersonId, @PersonName, @RoleHeld, @Decision, @Comment, @Checklist,
                    @Platform, @IsOverride, @OptionalSeat, @At, @PrevHash, @Hash)
                """,
                new
                {
                    chained.Id,
                    chained.GateId,
                    chained.Revision,
                    chained.Stage,
                    chained.Seat,
                    chained.Kind,
                    chained.PersonId,
                    chained.PersonName,
                    chained.RoleHeld,
                    chained.Decision,
                    chained.Comment,
                    chained.Checklist,
                    chained.Platform,
                    IsOverride = chained.IsOverride ? 1L : 0L,
                    OptionalSeat = chained.OptionalSeat ? 1L : 0L,
                    chained.At,
                    chained.PrevHash,
                    chained.Hash,
                });
            appended.Add(chained);
            prevHash = chained.Hash;
            transaction.Record(metrics => metrics.SignedOff(chained.Kind, chained.Decision));
        }

        return appended;
    }
}
