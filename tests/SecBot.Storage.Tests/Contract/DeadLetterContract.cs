using SecBot.Storage.Delivery;
using SecBot.Storage.Tests.Support;

namespace SecBot.Storage.Tests.Contract;

/// <summary>Dead-lettered messages: kept with when they were given up on, noted in the same transaction, found by what they were about.</summary>
public abstract class DeadLetterContract : StoreContract
{
    [Fact]
    public async Task Dead_lettering_records_when_and_runs_the_note_in_the_same_transaction()
    {
        var database = Database;
        var outbox = new OutboxRepository(database.Store);
        var id = await outbox.EnqueueAsync(Message("person:maya", """{"subject":"INC-1"}"""), CancellationToken.None);
        database.Time.Advance(TimeSpan.FromSeconds(5));
        OutboxEntry? noted = null;

        var marked = await outbox.MarkDeadAsync(
            id,
            "invalid_auth",
            async (transaction, entry) =>
            {
                noted = entry;
                await transaction.ExecuteAsync("INSERT INTO inbound_keys (source, key, received_at) VALUES ('note', @Id, 0)", new { entry.Id });
            },
            CancellationToken.None);

        Assert.True(marked);
        Assert.NotNull(noted);
        Assert.Equal((id, OutboxState.Dead, "invalid_auth", 1), (noted.Id, noted.State, noted.LastError, noted.Attempts));
        Assert.Equal(ContractDatabase.Start.AddSeconds(5), noted.DeadAt);
        Assert.Equal(1, await database.CountAsync("inbound_keys"));
        Assert.Equal(ContractDatabase.Start.AddSeconds(5), Assert.Single(await outbox.ListDeadAsync(10, CancellationToken.None)).DeadAt);
    }

    [Fact]
    public async Task When_the_note_fails_the_message_is_not_dead_lettered_either()
    {
        var database = Database;
        var outbox = new OutboxRepository(database.Store);
        var id = await outbox.EnqueueAsync(Message("person:maya", "{}"), CancellationToken.None);

        await Assert.ThrowsAsync<InvalidOperationException>(() =>
            outbox.MarkDeadAsync(id, "invalid_auth", (_, _) => throw new InvalidOperationException("no timeline"), CancellationToken.None));

        Assert.Equal(new OutboxCounts(Pending: 1, Dead: 0), await outbox.CountAsync(CancellationToken.None));
        Assert.Null(await database.ScalarAsync<long?>("SELECT dead_at FROM outbox WHERE id = @Id", new { Id = id }));
    }

    [Fact]
    public async Task A_message_no_longer_pending_is_neither_dead_lettered_nor_noted_again()
    {
        var database = Database;
        var outbox = new OutboxRepository(database.Store);
        var id = await outbox.EnqueueAsync(Message("person:maya", "{}"), CancellationToken.None);
        var notes = 0;
        Task Note(StoreTransaction transaction, OutboxEntry entry)
        {
            notes++;
            return Task.CompletedTask;
        }

        Assert.True(await outbox.MarkDeadAsync(id, "first", Note, CancellationToken.None));
        Assert.False(await outbox.MarkDeadAsync(id, "second", Note, CancellationToken.None));

        Assert.Equal(1, notes);
        Assert.Equal("first", Assert.Single(await outbox.ListDeadAsync(10, CancellationToken.None)).LastError);
    }

    [Fact]
    public async Task Dead_letters_about_a_subject_are_found_by_the_subject_in_their_payload()
    {
        var database = Database;
        var outbox = new OutboxRepository(database.Store);
        var inc1 = await DeadAsync(database, outbox, """{"to":{"kind":"person","id":"maya"},"subject":"INC-1"}""");
        await DeadAsync(database, outbox, """{"subject":"INC-12"}""");
        await DeadAsync(database, outbox, "not json at all");
        await DeadAsync(database, outbox, """{"subject":"REV-1"}""");
        await DeadAsync(database, outbox, """["INC-1"]""");
        var inc1Again = await DeadAsync(database, outbox, """{"subject":"INC-1","card":{}}""");
        await outbox.EnqueueAsync(Message("person:maya", """{"subject":"INC-1"}"""), CancellationToken.None);

        var about = await database.Store.ReadAsync(c => DeadLetters.ListAboutAsync(c, "INC-1", 10, CancellationToken.None), CancellationToken.None);

        Assert.Equal([inc1Again, inc1], about.Select(m => m.Id));
        Assert.Equal(6, await database.Store.ReadAsync(c => DeadLetters.CountAsync(c, CancellationToken.None), CancellationToken.None));
    }

    [Fact]
    public async Task Dead_letters_are_listed_newest_given_up_on_first_and_bounded()
    {
        var database = Database;
        var outbox = new OutboxRepository(database.Store);
        var retried = await outbox.EnqueueAsync(Message("person:maya", "a"), CancellationToken.None);
        var refused = await outbox.EnqueueAsync(Message("person:sam", "b"), CancellationToken.None);
        var third = await outbox.EnqueueAsync(Message("person:leo", "c"), CancellationToken.None);
        await outbox.MarkDeadAsync(refused, "invalid_auth", CancellationToken.None);
        database.Time.Advance(TimeSpan.FromMinutes(1));
        await outbox.MarkDeadAsync(third, "channel_not_found", CancellationToken.None);
        database.Time.Advance(TimeSpan.FromHours(1));
        await outbox.MarkDeadAsync(retried, "timed out", CancellationToken.None);

        var newest = await database.Store.ReadAsync(c => DeadLetters.ListAsync(c, 2, CancellationToken.None), CancellationToken.None);

        Assert.Equal([retried, third], newest.Select(m => m.Id));
    }

    private static async Task<long> DeadAsync(ContractDatabase database, OutboxRepository outbox, string payload)
    {
        var id = await outbox.EnqueueAsync(Message($"person:{Guid.NewGuid():N}", payload), CancellationToken.None);
        database.Time.Advance(TimeSpan.FromSeconds(1));
        Assert.True(await outbox.MarkDeadAsync(id, "invalid_auth", CancellationToken.None));
        return id;
    }

    private static OutboxMessage Message(string channel, string payload) => new("slack", channel, "card", payload);
}

public sealed class SqliteDeadLetterContract : DeadLetterContract
{
    protected override Task<ContractDatabase> CreateDatabaseAsync() => SqliteContractDatabase.CreateAsync();
}

[Collection(PostgresCollection.Name)]
public sealed class PostgresDeadLetterContract(PostgresFixture fixture) : DeadLetterContract
{
    protected override Task<ContractDatabase> CreateDatabaseAsync() => PostgresContract.CreateAsync(fixture);
}
