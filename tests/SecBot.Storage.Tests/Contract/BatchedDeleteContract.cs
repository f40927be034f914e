using SecBot.Storage.Delivery;
using SecBot.Storage.Inbound;
using SecBot.Storage.Tests.Support;

namespace SecBot.Storage.Tests.Contract;

/// <summary>Purges larger than one batch run as several small transactions and still delete exactly what they should.</summary>
public abstract class BatchedDeleteContract : StoreContract
{
    private const int MoreThanOneBatch = StoreBatches.DeleteBatchSize * 2 + 17;

    [Fact]
    public async Task Purging_delivered_messages_past_a_batch_deletes_them_all_and_keeps_pending_ones()
    {
        var database = Database;
        await database.ExecuteAsync(
            $"""
            WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < {MoreThanOneBatch})
            INSERT INTO outbox (platform, channel_key, kind, payload, created_at, next_attempt_at, state, sent_at)
            SELECT 'slack', 'C' || (i % 7), 'post', 'x', 0, 0, 'sent', 1000 FROM n
            """);
        var pending = await new OutboxRepository(database.Store).EnqueueAsync(new OutboxMessage("slack", "C1", "post", "{}"), CancellationToken.None);

        var purged = await new OutboxRepository(database.Store).PurgeSentAsync(DateTimeOffset.FromUnixTimeMilliseconds(2000), CancellationToken.None);

        Assert.Equal(MoreThanOneBatch, purged);
        Assert.Equal(pending, await database.ScalarAsync<long>("SELECT id FROM outbox"));
    }

    [Fact]
    public async Task Pruning_idempotency_keys_past_a_batch_deletes_only_the_old_ones()
    {
        var database = Database;
        await database.ExecuteAsync(
            $"""
            WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < {MoreThanOneBatch})
            INSERT INTO inbound_keys (source, key, received_at, settled_at) SELECT 'slack.event', 'Ev' || i, 1000, 1000 FROM n
            """);
        await database.ExecuteAsync("INSERT INTO inbound_keys (source, key, received_at, settled_at) VALUES ('slack.event', 'Ev-new', 5000, 5000)");

        var pruned = await new InboundKeys(database.Store).PruneAsync(DateTimeOffset.FromUnixTimeMilliseconds(2000), CancellationToken.None);

        Assert.Equal(MoreThanOneBatch, pruned);
        Assert.Equal("Ev-new", await database.ScalarAsync<string>("SELECT key FROM inbound_keys"));
    }
}

public sealed class SqliteBatchedDeleteContract : BatchedDeleteContract
{
    protected override Task<ContractDatabase> CreateDatabaseAsync() => SqliteContractDatabase.CreateAsync();
}

[Collection(PostgresCollection.Name)]
public sealed class PostgresBatchedDeleteContract(PostgresFixture fixture) : BatchedDeleteContract
{
    protected override Task<ContractDatabase> CreateDatabaseAsync() => PostgresContract.CreateAsync(fixture);
}
