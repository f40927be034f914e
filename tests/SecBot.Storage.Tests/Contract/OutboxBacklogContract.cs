using SecBot.Storage.Delivery;
using SecBot.Storage.Tests.Support;

namespace SecBot.Storage.Tests.Contract;

/// <summary>The undelivered messages per platform: pending (and retrying, with the newest failure), since when, and dead.</summary>
public abstract class OutboxBacklogContract : StoreContract
{
    [Fact]
    public async Task Nothing_undelivered_is_no_backlog()
    {
        var outbox = new OutboxRepository(Store);
        var id = await outbox.EnqueueAsync(new OutboxMessage("slack", "person:maya", "card", "{}"), None);
        Assert.Equal(id, Assert.Single(Assert.Single(await outbox.ClaimRunsAsync(Now, 1, 1, "dispatcher", None))).Id);
        Assert.Equal(1, await outbox.CompleteRunAsync([id], [], "dispatcher", None));

        Assert.Empty(await new OutboxBacklog(Store).ListAsync(None));
    }

    [Fact]
    public async Task Each_platform_counts_its_pending_retrying_and_dead_messages_with_the_oldest_and_the_newest_failure()
    {
        var database = Database;
        var outbox = new OutboxRepository(Store);
        var oldest = Now;
        var first = await outbox.EnqueueAsync(new OutboxMessage("slack", "person:maya", "card", "{}"), None);
        database.Time.Advance(TimeSpan.FromSeconds(10));
        var second = await outbox.EnqueueAsync(new OutboxMessage("slack", "channel:incidents", "card", "{}"), None);
        await outbox.EnqueueAsync(new OutboxMessage("slack", "person:maya", "card", "{}"), None);
        var dead = await outbox.EnqueueAsync(new OutboxMessage("teams", "person:maya", "card", "{}"), None);
        Assert.True(await outbox.MarkFailedAsync(first, "chat.postMessage: http_500", Now.AddSeconds(1), None));
        Assert.True(await outbox.MarkFailedAsync(second, "chat.postMessage: circuit_open", Now.AddSeconds(5), None));
        Assert.True(await outbox.MarkDeadAsync(dead, "invalid_auth", None));

        var backlog = await new OutboxBacklog(Store).ListAsync(None);

        Assert.Equal(
            [
                new PlatformBacklog("slack", Pending: 3, Retrying: 2, OldestPendingAt: oldest, Dead: 0, LastError: "chat.postMessage: circuit_open"),
                new PlatformBacklog("teams", Pending: 0, Retrying: 0, OldestPendingAt: null, Dead: 1, LastError: null),
            ],
            backlog);
        Assert.Equal(TimeSpan.FromSeconds(10), backlog[0].OldestPendingAge(Now));
    }
}

public sealed class SqliteOutboxBacklogContract : OutboxBacklogContract
{
    protected override Task<ContractDatabase> CreateDatabaseAsync() => SqliteContractDatabase.CreateAsync();
}

[Collection(PostgresCollection.Name)]
public sealed class PostgresOutboxBacklogContract(PostgresFixture fixture) : OutboxBacklogContract
{
    protected override Task<ContractDatabase> CreateDatabaseAsync() => PostgresContract.CreateAsync(fixture);
}
