using SecBot.Storage.Delivery;
using SecBot.Storage.Tests.Support;

namespace SecBot.Storage.Tests.Contract;

/// <summary>Claiming a run of consecutive messages per channel, and handing back what of it was not sent.</summary>
public abstract class OutboxRunContract : StoreContract
{
    [Fact]
    public async Task A_run_is_the_oldest_pending_messages_of_each_channel_in_enqueue_order_up_to_the_run_length()
    {
        var database = Database;
        var outbox = new OutboxRepository(database.Store);
        var now = database.Time.GetUtcNow();
        var a = new List<long>();
        var b = new List<long>();
        for (var index = 1; index <= 5; index++)
        {
            a.Add(await outbox.EnqueueAsync(Message("C-A", $"a{index}"), CancellationToken.None));
            b.Add(await outbox.EnqueueAsync(Message("C-B", $"b{index}"), CancellationToken.None));
        }

        var runs = await outbox.ClaimRunsAsync(now, 10, 3, "dispatcher", CancellationToken.None);

        Assert.Equal([a[..3], b[..3]], runs.Select(run => run.Select(entry => entry.Id).ToList()));
        // The channels' heads are held, so nothing more is handed out until the runs are done.
        Assert.Empty(await outbox.ClaimRunsAsync(now, 10, 3, "dispatcher", CancellationToken.None));
    }

    [Fact]
    public async Task Whole_runs_keep_each_channels_order_until_the_outbox_is_drained()
    {
        var database = Database;
        var outbox = new OutboxRepository(database.Store);
        var now = database.Time.GetUtcNow();
        for (var index = 1; index <= 7; index++)
        {
            await outbox.EnqueueAsync(Message("C-A", $"a{index}"), CancellationToken.None);
            if (index <= 2) await outbox.EnqueueAsync(Message("C-B", $"b{index}"), CancellationToken.None);
        }

        var delivered = new List<string>();
        var rounds = 0;
        while (await outbox.ClaimRunsAsync(now, 10, 3, "dispatcher", CancellationToken.None) is { Count: > 0 } runs)
        {
            rounds++;
            foreach (var run in runs)
            {
                delivered.AddRange(run.Select(entry => entry.Payload));
                Assert.Equal(run.Count, await outbox.CompleteRunAsync([.. run.Select(entry => entry.Id)], [], "dispatcher", CancellationToken.None));
            }
        }

        Assert.Equal(3, rounds);
        Assert.Equal(["a1", "a2", "a3", "a4", "a5", "a6", "a7"], delivered.Where(payload => payload.StartsWith('a')));
        Assert.Equal(["b1", "b2"], delivered.Where(payload => payload.StartsWith('b')));
        Assert.Equal(new OutboxCounts(Pending: 0, Dead: 0), await outbox.CountAsync(CancellationToken.None));
    }

    [Fact]
    public async Task Released_claims_stay_pending_in_place_behind_a_failed_message_and_follow_it_once_it_is_sent()
    {
        var database = Database;
        var outbox = new OutboxRepository(database.Store);
        var now = database.Time.GetUtcNow();
        var a = new List<long>();
        for (var index = 1; index <= 4; index++) a.Add(await outbox.EnqueueAsync(Message("C-A", $"a{index}"), CancellationToken.None));
        var b1 = await outbox.EnqueueAsync(Message("C-B", "b1"), CancellationToken.None);
        var runs = await outbox.ClaimRunsAsync(now, 10, 16, "dispatcher", CancellationToken.None);
        Assert.Equal([a, [b1]], runs.Select(run => run.Select(entry => entry.Id).ToList()));

        // a1 went out, a2 failed, a3 and a4 were not tried; b1 went out.
        Assert.Equal(1, await outbox.CompleteRunAsync([a[0]], [a[2], a[3]], "dispatcher", CancellationToken.None));
        Assert.True(await outbox.MarkFailedAsync(a[1], "429", now.AddSeconds(30), CancellationToken.None));
        Assert.Equal(1, await outbox.CompleteRunAsync([b1], [], "dispatcher", CancellationToken.None));

        Assert.Equal(0L, await database.ScalarAsync<long>("SELECT count(*) FROM outbox WHERE claimed_by IS NOT NULL OR claimed_at IS NOT NULL"));
        Assert.Empty(await outbox.ClaimRunsAsync(now.AddSeconds(29), 10, 16, "dispatcher", CancellationToken.None));
        Assert.Equal(now.AddSeconds(30), await outbox.NextAttemptAtAsync(CancellationToken.None));
        var retried = Assert.Single(await outbox.ClaimRunsAsync(now.AddSeconds(30), 10, 16, "dispatcher", CancellationToken.None));
        Assert.Equal(a[1..], retried.Select(entry => entry.Id));
    }

    [Fact]
    public async Task A_run_stops_before_the_first_message_held_by_another_claimant()
    {
        var database = Database;
        var outbox = new OutboxRepository(database.Store, TimeSpan.FromMinutes(5));
        var now = database.Time.GetUtcNow();
        var a = new List<long>();
        for (var index = 1; index <= 4; index++) a.Add(await outbox.EnqueueAsync(Message("C-A", $"a{index}"), CancellationToken.None));
        await database.ExecuteAsync("UPDATE outbox SET claimed_by = 'other', claimed_at = @Now WHERE id = @Id", new { Now = now, Id = a[2] });

        var run = Assert.Single(await outbox.ClaimRunsAsync(now, 10, 16, "dispatcher", CancellationToken.None));

        Assert.Equal(a[..2], run.Select(entry => entry.Id));
    }

    [Fact]
    public async Task A_run_whose_dispatcher_died_is_handed_out_again_after_the_lease_and_release_leaves_other_claimants_alone()
    {
        var database = Database;
        var outbox = new OutboxRepository(database.Store, TimeSpan.FromMinutes(5));
        var now = database.Time.GetUtcNow();
        var a = new List<long>();
        for (var index = 1; index <= 3; index++) a.Add(await outbox.EnqueueAsync(Message("C-A", $"a{index}"), CancellationToken.None));
        await outbox.ClaimRunsAsync(now, 10, 16, "dispatcher-1", CancellationToken.None);

        Assert.Empty(await outbox.ClaimRunsAsync(now.AddMinutes(4), 10, 16, "dispatcher-2", CancellationToken.None));
        Assert.Equal(now.AddMinutes(5), await outbox.NextAttemptAtAsync(CancellationToken.None));
        var taken = Assert.Single(await outbox.ClaimRunsAsync(now.AddMinutes(5), 10, 16, "dispatcher-2", CancellationToken.None));
        Assert.Equal(a, taken.Select(entry => entry.Id));

        // The first dispatcher, late, cannot release what the second now holds.
        await outbox.CompleteRunAsync([], a, "dispatcher-1", CancellationToken.None);
        Assert.Equal(3L, await database.ScalarAsync<long>("SELECT count(*) FROM outbox WHERE claimed_by = 'dispatcher-2'"));
    }

    [Fact]
    public async Task The_one_per_channel_claim_is_a_run_of_one()
    {
        var database = Database;
        var outbox = new OutboxRepository(database.Store);
        var now = database.Time.GetUtcNow();
        var a1 = await outbox.EnqueueAsync(Message("C-A", "a1"), CancellationToken.None);
        var a2 = await outbox.EnqueueAsync(Message("C-A", "a2"), CancellationToken.None);

        Assert.Equal([a1], (await outbox.ClaimNextAsync(now, 10, "dispatcher", CancellationToken.None)).Select(entry => entry.Id));
        Assert.Equal(0L, await database.ScalarAsync<long>("SELECT count(*) FROM outbox WHERE id = @Id AND claimed_by IS NOT NULL", new { Id = a2 }));
    }

    private static OutboxMessage Message(string channel, string payload) => new("slack", channel, "post", payload);
}

public sealed class SqliteOutboxRunContract : OutboxRunContract
{
    protected override Task<ContractDatabase> CreateDatabaseAsync() => SqliteContractDatabase.CreateAsync();
}

[Collection(PostgresCollection.Name)]
public sealed class PostgresOutboxRunContract(PostgresFixture fixture) : OutboxRunContract
{
    protected override Task<ContractDatabase> CreateDatabaseAsync() => PostgresContract.CreateAsync(fixture);
}
