using SecBot.Storage.Delivery;
using SecBot.Storage.Tests.Support;

namespace SecBot.Storage.Tests.Contract;

public abstract class BatchedOutboxContract : StoreContract
{
    [Theory]
    [InlineData(1)]
    [InlineData(2)]
    [InlineData(MultiRowSql.MaxRows)]
    [InlineData(MultiRowSql.MaxRows + 7)]
    public async Task Messages_queued_together_get_ids_in_list_order_and_signal_the_dispatcher(int count)
    {
        var database = Database;
        var signals = 0;
        database.Signals.OutboxChanged += (_, _) => signals++;
        var messages = Enumerable.Range(0, count)
            .Select(i => new OutboxMessage("slack", $"C{i % 3}", "post", $$"""{"n":{{i}}}"""))
            .ToList();

        await database.Store.WriteAsync(transaction => transaction.EnqueueOutboxAsync(messages), CancellationToken.None);

        Assert.Equal(messages.Select(m => m.Payload), await database.QueryAsync<string>("SELECT payload FROM outbox ORDER BY id"));
        Assert.Equal(count, await database.CountAsync("outbox WHERE created_at = next_attempt_at AND attempts = 0"));
        Assert.Equal(1, signals);
    }

    [Fact]
    public async Task A_batch_with_an_invalid_message_writes_none_of_them()
    {
        var database = Database;
        var messages = new[] { new OutboxMessage("slack", "C1", "post", "{}"), new OutboxMessage("slack", " ", "post", "{}") };

        await Assert.ThrowsAsync<ArgumentException>(
            () => database.Store.WriteAsync(transaction => transaction.EnqueueOutboxAsync(messages), CancellationToken.None));

        Assert.Equal(0, await database.CountAsync("outbox"));
    }

    [Fact]
    public void The_statement_for_each_row_count_is_built_once_and_numbers_every_row()
    {
        var sql = new MultiRowSql("INSERT INTO t (a) VALUES ", "(@A{0})");

        Assert.Equal("INSERT INTO t (a) VALUES (@A0), (@A1), (@A2)", sql.For(3));
        Assert.Same(sql.For(3), sql.For(3));
        Assert.Throws<ArgumentOutOfRangeException>(() => sql.For(0));
        Assert.Throws<ArgumentOutOfRangeException>(() => sql.For(MultiRowSql.MaxRows + 1));
    }
}

public sealed class SqliteBatchedOutboxContract : BatchedOutboxContract
{
    protected override Task<ContractDatabase> CreateDatabaseAsync() => SqliteContractDatabase.CreateAsync();
}

[Collection(PostgresCollection.Name)]
public sealed class PostgresBatchedOutboxContract(PostgresFixture fixture) : BatchedOutboxContract
{
    protected override Task<ContractDatabase> CreateDatabaseAsync() => PostgresContract.CreateAsync(fixture);
}
