using SecBot.Storage.Delivery;
using SecBot.Storage.Tests.Support;

namespace SecBot.Storage.Tests.Contract;

/// <summary>The oldest pending message of every channel, on every platform, is found however the backlog is shaped.</summary>
public abstract class ChannelHeadContract : StoreContract
{
    [Fact]
    public async Task Every_channel_of_every_platform_hands_out_its_oldest_pending_message_behind_a_deep_backlog()
    {
        var database = Database;
        var outbox = new OutboxRepository(database.Store);
        var now = database.Time.GetUtcNow();
        var backlog = Enumerable.Range(0, 300).Select(i => new OutboxMessage("slack", "C-BUSY", "post", $"busy{i}")).ToList();
        await database.Store.WriteAsync(transaction => transaction.EnqueueOutboxAsync(backlog), CancellationToken.None);
        var teams = await outbox.EnqueueAsync(new OutboxMessage("teams", "conv-1", "post", "t1"), CancellationToken.None);
        var quiet = await outbox.EnqueueAsync(new OutboxMessage("slack", "C-QUIET", "post", "q1"), CancellationToken.None);
        var console = await outbox.EnqueueAsync(new OutboxMessage("console", "C-BUSY", "post", "c1"), CancellationToken.None);

        var claimed = await outbox.ClaimNextAsync(now, 16, "dispatcher", CancellationToken.None);

        Assert.Equal(["busy0", "t1", "q1", "c1"], claimed.Select(entry => entry.Payload));
        Assert.Contains(teams, claimed.Select(entry => entry.Id));
        Assert.Contains(quiet, claimed.Select(entry => entry.Id));
        Assert.Contains(console, claimed.Select(entry => entry.Id));
    }

    [Fact]
    public async Task A_sent_head_passes_its_channel_on_to_the_next_message_and_an_empty_outbox_has_no_next_attempt()
    {
        var database = Database;
        var outbox = new OutboxRepository(database.Store);
        var now = database.Time.GetUtcNow();
        Assert.Null(await outbox.NextAttemptAtAsync(CancellationToken.None));
        var first = await outbox.EnqueueAsync(new OutboxMessage("slack", "C-A", "post", "a1"), CancellationToken.None);
        await outbox.EnqueueAsync(new OutboxMessage("slack", "C-A", "post", "a2"), CancellationToken.None);

        Assert.Equal(now, await outbox.NextAttemptAtAsync(CancellationToken.None));
        Assert.Equal([first], (await outbox.ClaimNextAsync(now, 16, "dispatcher", CancellationToken.None)).Select(entry => entry.Id));
        await outbox.MarkSentAsync(first, CancellationToken.None);

        Assert.Equal(["a2"], (await outbox.ClaimNextAsync(now, 16, "dispatcher", CancellationToken.None)).Select(entry => entry.Payload));
    }
}

public sealed class SqliteChannelHeadContract : ChannelHeadContract
{
    protected override Task<ContractDatabase> CreateDatabaseAsync() => SqliteContractDatabase.CreateAsync();
}

[Collection(PostgresCollection.Name)]
public sealed class PostgresChannelHeadContract(PostgresFixture fixture) : ChannelHeadContract
{
    protected override Task<ContractDatabase> CreateDatabaseAsync() => PostgresContract.CreateAsync(fixture);
}
