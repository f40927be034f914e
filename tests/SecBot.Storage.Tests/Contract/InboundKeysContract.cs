using SecBot.Storage.Inbound;
using SecBot.Storage.Tests.Support;

namespace SecBot.Storage.Tests.Contract;

public abstract class InboundKeysContract : StoreContract
{
    [Fact]
    public async Task A_repeated_key_is_not_claimed_again()
    {
        var database = Database;
        var keys = new InboundKeys(database.Store);

        Assert.True(await keys.TryClaimAsync("alert", "dedup-42", CancellationToken.None));
        Assert.False(await keys.TryClaimAsync("alert", "dedup-42", CancellationToken.None));
        Assert.True(await keys.TryClaimAsync("alert", "dedup-43", CancellationToken.None));
    }

    [Fact]
    public async Task Pruned_keys_are_forgotten_and_recent_ones_kept()
    {
        var database = Database;
        var keys = new InboundKeys(database.Store);
        await keys.TryClaimAsync("slack-event", "old", CancellationToken.None);
        database.Time.Advance(TimeSpan.FromDays(2));
        await keys.TryClaimAsync("slack-event", "recent", CancellationToken.None);

        var pruned = await keys.PruneAsync(database.Time.GetUtcNow().AddDays(-1), CancellationToken.None);

        Assert.Equal(1, pruned);
        Assert.True(await keys.TryClaimAsync("slack-event", "old", CancellationToken.None));
        Assert.False(await keys.TryClaimAsync("slack-event", "recent", CancellationToken.None));
    }
}

public sealed class SqliteInboundKeysContract : InboundKeysContract
{
    protected override Task<ContractDatabase> CreateDatabaseAsync() => SqliteContractDatabase.CreateAsync();
}

[Collection(PostgresCollection.Name)]
public sealed class PostgresInboundKeysContract(PostgresFixture fixture) : InboundKeysContract
{
    protected override Task<ContractDatabase> CreateDatabaseAsync() => PostgresContract.CreateAsync(fixture);
}
