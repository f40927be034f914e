using SecBot.Domain.Reviews;
using SecBot.Storage.Reviews;
using SecBot.Storage.Tests.Support;

namespace SecBot.Storage.Tests.Reviews;

/// <summary>Gates saved and loaded through <see cref="GateRepository"/> in any test database, for the gate and ledger tests.</summary>
internal static class GateTestStore
{
    private static readonly DateTimeOffset T0 = TemporaryDatabase.Start;

    internal static async Task<TemporaryDatabase> PeopleAsync(IEnumerable<string>? more = null)
    {
        var database = await TemporaryDatabase.MigratedAsync();
        await GateFixtures.AddPeopleAsync(database, more);
        return database;
    }

    internal static async Task<Gate> OpenAsync(IStoreTestDatabase database, long number = 1)
    {
        var opened = GateFixtures.Open(number, T0);
        Assert.True(await SaveAsync(database, null, opened));
        return opened.Gate;
    }

    internal static Task<bool> SaveAsync(IStoreTestDatabase database, Gate? before, GateDecision decision, IStore? store = null) =>
        (store ?? database.Store).WriteAsync(tx => new GateRepository((store ?? database.Store)).SaveAsync(tx, before, decision), CancellationToken.None);

    internal static async Task<Gate> LoadAsync(IStoreTestDatabase database, long number, bool allowMissing = false)
    {
        var gate = await database.Store.ReadAsync(c => new GateRepository(database.Store).LoadAsync(c, null, number, CancellationToken.None), CancellationToken.None);
        return allowMissing ? gate! : gate ?? throw new InvalidOperationException($"REV-{number} is not stored");
    }

    /// <summary>Sign-offs compare by value, their checklist lists included.</summary>
    internal sealed class SignOffComparer : IEqualityComparer<SignOff>
    {
        public static readonly SignOffComparer Instance = new();

        private static readonly IReadOnlyList<string> NoItems = [];

        public bool Equals(SignOff? x, SignOff? y) =>
            x is not null && y is not null
            && x with { Checklist = NoItems } == y with { Checklist = NoItems }
            && x.Checklist.SequenceEqual(y.Checklist);

        public int GetHashCode(SignOff obj) => obj.PersonId.GetHashCode(StringComparison.Ordinal);
    }
}
