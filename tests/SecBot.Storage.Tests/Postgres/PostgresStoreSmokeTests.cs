using SecBot.Storage.Delivery;
using SecBot.Storage.Tests.Support;
using SecBot.Storage.Timers;

namespace SecBot.Storage.Tests.Postgres;

[Collection(PostgresCollection.Name)]
public sealed class PostgresStoreSmokeTests(PostgresFixture fixture)
{
    [Fact]
    public async Task Outbox_and_timers_work_on_postgres()
    {
        await using var database = await TemporaryPostgresDatabase.MigratedAsync(fixture.Server);
        var outbox = new OutboxRepository(database.Store);
        var now = database.Time.GetUtcNow();
        var a1 = await outbox.EnqueueAsync(new OutboxMessage("slack", "C-A", "chat.post", "a1"), CancellationToken.None);
        await outbox.EnqueueAsync(new OutboxMessage("slack", "C-A", "chat.post", "{\"subject\":\"INC-1\"}"), CancellationToken.None);
        var runs = await outbox.ClaimRunsAsync(now, 10, 10, "one", CancellationToken.None);
        Assert.Equal(2, Assert.Single(runs).Count);
        Assert.Equal(a1, runs[0][0].Id);
        Assert.NotNull(await outbox.NextAttemptAtAsync(CancellationToken.None));
        Assert.True(await outbox.HasEarlierPendingAsync(runs[0][1], "chat.post", "INC-1", runs[0][1].Id, CancellationToken.None));

        var timers = new TimerRepository(database.Store);
        await database.Store.WriteAsync(t => t.ScheduleTimerAsync("escalate", "INC-1", now), CancellationToken.None);
        Assert.Equal(now, await timers.NextDueAtAsync(CancellationToken.None));
        var taken = await database.Store.WriteAsync(t => new DueTimers(database.Store).TakeNextAsync(t), CancellationToken.None);
        Assert.NotNull(taken);
        var ready = await database.Database.PingAsync(CancellationToken.None);
        Assert.True(ready.IsReady, ready.Problem);
    }
}
