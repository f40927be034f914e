using SecBot.Storage.Delivery;
using SecBot.Storage.Tests.Support;

namespace SecBot.Storage.Tests.Contract;

public abstract class OutboxRepositoryContract : StoreContract
{
    [Fact]
    public async Task Each_channel_hands_out_only_its_oldest_pending_message()
    {
        var database = Database;
        var outbox = new OutboxRepository(database.Store);
        var now = database.Time.GetUtcNow();
        var a1 = await outbox.EnqueueAsync(Message("C-A", "a1"), CancellationToken.None);
        var b1 = await outbox.EnqueueAsync(Message("C-B", "b1"), CancellationToken.None);
        await outbox.EnqueueAsync(Message("C-A", "a2"), CancellationToken.None);
        await outbox.EnqueueAsync(Message("C-B", "b2"), CancellationToken.None);

        var claimed = await outbox.ClaimNextAsync(now, 10, "dispatcher", CancellationToken.None);

        Assert.Equal([a1, b1], claimed.Select(entry => entry.Id));
        Assert.Empty(await outbox.ClaimNextAsync(now, 10, "dispatcher", CancellationToken.None));
    }

    [Fact]
    public async Task Messages_of_one_channel_are_delivered_in_the_order_they_were_enqueued()
    {
        var database = Database;
        var outbox = new OutboxRepository(database.Store);
        var now = database.Time.GetUtcNow();
        for (var index = 1; index <= 5; index++)
        {
            await outbox.EnqueueAsync(Message("C-A", $"a{index}"), CancellationToken.None);
            await outbox.EnqueueAsync(Message("C-B", $"b{index}"), CancellationToken.None);
        }

        var delivered = new List<string>();
        while (await outbox.ClaimNextAsync(now, 10, "dispatcher", CancellationToken.None) is { Count: > 0 } batch)
        {
            foreach (var entry in batch)
            {
                delivered.Add(entry.Payload);
                await outbox.MarkSentAsync(entry.Id, CancellationToken.None);
            }
        }

        Assert.Equal(["a1", "a2", "a3", "a4", "a5"], delivered.Where(payload => payload.StartsWith('a')));
        Assert.Equal(["b1", "b2", "b3", "b4", "b5"], delivered.Where(payload => payload.StartsWith('b')));
    }

    [Fact]
    public async Task A_message_waiting_for_its_retry_holds_back_the_rest_of_its_channel_only()
    {
        var database = Database;
        var outbox = new OutboxRepository(database.Store);
        var now = database.Time.GetUtcNow();
        var a1 = await outbox.EnqueueAsync(Message("C-A", "a1"), CancellationToken.None);
        await outbox.EnqueueAsync(Message("C-A", "a2"), CancellationToken.None);
        var b1 = await outbox.EnqueueAsync(Message("C-B", "b1"), CancellationToken.None);
        await outbox.ClaimNextAsync(now, 10, "dispatcher", CancellationToken.None);
        await outbox.MarkSentAsync(b1, CancellationToken.None);

        Assert.True(await outbox.MarkFailedAsync(a1, "429 Too Many Requests", now.AddSeconds(30), CancellationToken.None));

        Assert.Empty(await outbox.ClaimNextAsync(now.AddSeconds(29), 10, "dispatcher", CancellationToken.None));
        Assert.Equal(now.AddSeconds(30), await outbox.NextAttemptAtAsync(CancellationToken.None));
        var retried = Assert.Single(await outbox.ClaimNextAsync(now.AddSeconds(30), 10, "dispatcher", CancellationToken.None));
        Assert.Equal(a1, retried.Id);
        Assert.Equal(1, retried.Attempts);
        Assert.Equal("429 Too Many Requests", retried.LastError);
    }

    [Fact]
    public async Task A_dead_message_is_kept_and_listed_and_no_longer_blocks_its_channel()
    {
        var database = Database;
        var outbox = new OutboxRepository(database.Store);
        var now = database.Time.GetUtcNow();
        var a1 = await outbox.EnqueueAsync(Message("C-A", "a1"), CancellationToken.None);
        var a2 = await outbox.EnqueueAsync(Message("C-A", "a2"), CancellationToken.None);
        await outbox.ClaimNextAsync(now, 10, "dispatcher", CancellationToken.None);

        Assert.True(await outbox.MarkDeadAsync(a1, "channel_not_found", CancellationToken.None));

        var dead = Assert.Single(await outbox.ListDeadAsync(10, CancellationToken.None));
        Assert.Equal((a1, OutboxState.Dead, "channel_not_found"), (dead.Id, dead.State, dead.LastError));
        Assert.Equal(a2, Assert.Single(await outbox.ClaimNextAsync(now, 10, "dispatcher", CancellationToken.None)).Id);
        Assert.Equal(new OutboxCounts(Pending: 1, Dead: 1), await outbox.CountAsync(CancellationToken.None));
        Assert.False(await outbox.MarkSentAsync(a1, CancellationToken.None));
    }

    [Fact]
    public async Task A_claim_whose_dispatcher_died_is_handed_out_again_after_the_lease()
    {
        var database = Database;
        var outbox = new OutboxRepository(database.Store, TimeSpan.FromMinutes(5));
        var now = database.Time.GetUtcNow();
        var a1 = await outbox.EnqueueAsync(Message("C-A", "a1"), CancellationToken.None);
        await outbox.ClaimNextAsync(now, 10, "dispatcher-1", CancellationToken.None);

        Assert.Empty(await outbox.ClaimNextAsync(now.AddMinutes(4), 10, "dispatcher-2", CancellationToken.None));
        Assert.Equal(now.AddMinutes(5), await outbox.NextAttemptAtAsync(CancellationToken.None));
        Assert.Equal(a1, Assert.Single(await outbox.ClaimNextAsync(now.AddMinutes(5), 10, "dispatcher-2", CancellationToken.None)).Id);
    }

    [Fact]
    public async Task Sent_messages_record_when_and_can_be_purged_while_pending_and_dead_ones_stay()
    {
        var database = Database;
        var outbox = new OutboxRepository(database.Store);
        var now = database.Time.GetUtcNow();
        var sent = await outbox.EnqueueAsync(Message("C-A", "a1"), CancellationToken.None);
        var dead = await outbox.EnqueueAsync(Message("C-B", "b1"), CancellationToken.None);
        await outbox.EnqueueAsync(Message("C-A", "a2"), CancellationToken.None);
        await outbox.ClaimNextAsync(now, 10, "dispatcher", CancellationToken.None);
        database.Time.Advance(TimeSpan.FromSeconds(3));
        await outbox.MarkSentAsync(sent, CancellationToken.None);
        await outbox.MarkDeadAsync(dead, "gone", CancellationToken.None);
        Assert.Equal(now.AddSeconds(3), await database.ScalarAsync<DateTimeOffset>("SELECT sent_at FROM outbox WHERE id = @Id", new { Id = sent }));

        var purged = await outbox.PurgeSentAsync(now.AddDays(1), CancellationToken.None);

        Assert.Equal(1, purged);
        Assert.Equal(new OutboxCounts(Pending: 1, Dead: 1), await outbox.CountAsync(CancellationToken.None));
    }

    private static OutboxMessage Message(string channel, string payload) => new("slack", channel, "post", payload);
}

public sealed class SqliteOutboxRepositoryContract : OutboxRepositoryContract
{
    protected override Task<ContractDatabase> CreateDatabaseAsync() => SqliteContractDatabase.CreateAsync();
}

[Collection(PostgresCollection.Name)]
public sealed class PostgresOutboxRepositoryContract(PostgresFixture fixture) : OutboxRepositoryContract
{
    protected override Task<ContractDatabase> CreateDatabaseAsync() => PostgresContract.CreateAsync(fixture);
}
