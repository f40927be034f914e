using System.Data.Common;
using Dapper;
using SecBot.Domain.Reviews;
using SecBot.Storage.Ledger;

namespace SecBot.Storage.Tests.Postgres;

/// <summary>
/// A small ledger written through plain SQL, the same on either provider: two people, gate REV-1 opened by maya and
/// its opened record (1), amara's approval (2), the gate approved (3), each chained and hashed as <see cref="LedgerWriter"/> does.
/// </summary>
internal static class LedgerRows
{
    public const long GateId = 1;

    public static IReadOnlyList<LedgerRecord> Records { get; } = Chain(
        Record(LedgerRecord.GateDecisionKind, "", "maya", "Requester", LedgerDecisions.Opened, GateOpening.Format("design-review", "Payments API"), at: 1_000),
        Record(LedgerRecord.SignOffKind, "SecArch", "amara", "SecurityArchitect", LedgerDecisions.Approve, "looks good", at: 2_000),
        Record(LedgerRecord.GateDecisionKind, "", "amara", "SecurityArchitect", LedgerDecisions.GateApproved, null, at: 2_001));

    public static async Task SeedAsync(DbConnection connection)
    {
        await connection.ExecuteAsync(
            """
            INSERT INTO people (id, name, synced_at) VALUES ('maya', 'Maya', 0), ('amara', 'Amara', 0);
            INSERT INTO gates (id, type, title, requester, state, created_at, updated_at) VALUES (1, 'design-review', 'Payments API', 'maya', 'approved', 1000, 2001);
            """);
        foreach (var record in Records) await InsertAsync(connection, record);
    }

    /// <summary>Inserts <paramref name="record"/> with the id, prev_hash and hash it carries.</summary>
    public static Task InsertAsync(DbConnection connection, LedgerRecord record) =>
        connection.ExecuteAsync(
            $"""
            INSERT INTO signoffs ({LedgerWriter.Columns})
            VALUES (@Id, @GateId, @Revision, @Stage, @Seat, @Kind, @PersonId, @PersonName, @RoleHeld, @Decision, @Comment, @Checklist,
                @Platform, @IsOverride, @OptionalSeat, @At, @PrevHash, @Hash)
            """,
            new
            {
                record.Id,
                record.GateId,
                Revision = (long)record.Revision,
                Stage = (long)record.Stage,
                record.Seat,
                record.Kind,
                record.PersonId,
                record.PersonName,
                record.RoleHeld,
                record.Decision,
                record.Comment,
                record.Checklist,
                record.Platform,
                IsOverride = record.IsOverride ? 1L : 0L,
                OptionalSeat = record.OptionalSeat ? 1L : 0L,
                record.At,
                record.PrevHash,
                record.Hash,
            });

    /// <summary>A record that would come next after <see cref="Records"/>, chained to the last one.</summary>
    public static LedgerRecord Next(string comment) =>
        Chain([.. Records, Record(LedgerRecord.SignOffKind, "SOC", "maya", "SeniorSocEngineer", LedgerDecisions.Comment, comment, at: 3_000)])[^1];

    private static LedgerRecord Record(string kind, string seat, string person, string role, string decision, string? comment, long at) => new()
    {
        GateId = GateId,
        Revision = 1,
        Stage = kind == LedgerRecord.SignOffKind ? 1 : 0,
        Seat = seat,
        Kind = kind,
        PersonId = person,
        PersonName = person == "maya" ? "Maya" : "Amara",
        RoleHeld = role,
        Decision = decision,
        Comment = comment,
        Platform = "slack",
        At = at,
    };

    private static LedgerRecord[] Chain(params LedgerRecord[] records)
    {
        using var hasher = new LedgerHasher();
        var chained = new LedgerRecord[records.Length];
        string? previous = null;
        for (var index = 0; index < records.Length; index++)
        {
            var record = records[index] with { Id = index + 1, PrevHash = previous, Hash = null };
            chained[index] = record with { Hash = hasher.Compute(record) };
            previous = chained[index].Hash;
        }

        return chained;
    }
}
