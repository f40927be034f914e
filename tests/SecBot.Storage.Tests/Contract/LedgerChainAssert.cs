using SecBot.Storage.Database;
using SecBot.Storage.Ledger;

namespace SecBot.Storage.Tests.Contract;

/// <summary>
/// Checks the sign-off ledger is one linear chain on either provider: ids 1, 2, 3..., each record's prev_hash the hash of
/// the one before and its hash that of its contents (<see cref="LedgerChain"/>); on SQLite also the full
/// <see cref="LedgerVerifier"/>, which runs only there for now.
/// </summary>
internal static class LedgerChainAssert
{
    public static async Task IntactAsync(ContractDatabase database, long records)
    {
        var rows = await database.QueryAsync<Row>(LedgerVerifier.Select + " ORDER BY id");
        using var chain = new LedgerChain([], mustStartAtOne: true);
        foreach (var row in rows)
        {
            Assert.True(chain.Append(row.ToRecord()), chain.Fault?.ToString());
        }

        Assert.Equal(records, chain.Verified);
        if (database.Provider == DatabaseProvider.Sqlite)
        {
            var verification = await database.Store.ReadAsync(c => LedgerVerifier.VerifyAsync(c, CancellationToken.None), CancellationToken.None);
            Assert.Null(verification.Fault);
            Assert.Equal(records, verification.RecordsVerified);
        }
    }

    private sealed record Row
    {
        public long Id { get; init; }
        public long GateId { get; init; }
        public int Revision { get; init; }
        public int Stage { get; init; }
        public string Seat { get; init; } = "";
        public string Kind { get; init; } = "";
        public string PersonId { get; init; } = "";
        public string? PersonName { get; init; }
        public string RoleHeld { get; init; } = "";
        public string Decision { get; init; } = "";
        public string? Comment { get; init; }
        public string? Checklist { get; init; }
        public string Platform { get; init; } = "";
        public long IsOverride { get; init; }
        public long OptionalSeat { get; init; }
        public long At { get; init; }
        public string? PrevHash { get; init; }
        public string? Hash { get; init; }

        public LedgerRecord ToRecord() => new()
        {
            Id = Id,
            GateId = GateId,
            Revision = Revision,
            Stage = Stage,
            Seat = Seat,
            Kind = Kind,
            PersonId = PersonId,
            PersonName = PersonName,
            RoleHeld = RoleHeld,
            Decision = Decision,
            Comment = Comment,
            Checklist = Checklist,
            Platform = Platform,
            IsOverride = IsOverride != 0,
            OptionalSeat = OptionalSeat != 0,
            At = At,
            PrevHash = PrevHash,
            Hash = Hash,
        };
    }
}
