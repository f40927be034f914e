using SecBot.Storage.Tests.Support;
using SecBot.Storage.Timers;

namespace SecBot.Storage.Tests.Contract;

/// <summary>Failed firings: counted with their error, retried when the caller says, parked and kept when it gives up.</summary>
public abstract class TimerFailureContract : StoreContract
{
    [Fact]
    public async Task A_failed_firing_is_counted_with_its_error_and_the_timer_is_due_again_after_the_wait()
    {
        var database = Database;
        var timers = new TimerRepository(database.Store);
        var now = database.Time.GetUtcNow();
        var id = await timers.ScheduleAsync("escalate", "INC-1", now, null, CancellationToken.None);

        var failure = await RecordAsync(database, id, "boom", attempts => TimeSpan.FromMinutes(attempts));

        Assert.Equal(new TimerFailure(1, now.AddMinutes(1)), failure);
        Assert.Equal(now.AddMinutes(1), await timers.NextDueAtAsync(CancellationToken.None));
        Assert.Null(await database.Store.WriteAsync(DueTimers.TakeNextAsync, CancellationToken.None));
        Assert.Equal(("boom", 1L), (await database.ScalarAsync<string>("SELECT last_error FROM timers"), await database.ScalarAsync<long>("SELECT attempts FROM timers")));

        database.Time.Advance(TimeSpan.FromMinutes(1));
        Assert.Equal(new TimerFailure(2, now.AddMinutes(3)), await RecordAsync(database, id, "boom again", attempts => TimeSpan.FromMinutes(attempts)));
    }

    [Fact]
    public async Task A_timer_given_up_on_is_parked_out_of_the_schedule_but_kept()
    {
        var database = Database;
        var timers = new TimerRepository(database.Store);
        var now = database.Time.GetUtcNow();
        var id = await timers.ScheduleAsync("escalate", "INC-1", now, null, CancellationToken.None);

        var failure = await RecordAsync(database, id, "bad payload", _ => null);

        Assert.True(failure!.Parked);
        database.Time.Advance(TimeSpan.FromDays(30));
        Assert.Null(await database.Store.WriteAsync(DueTimers.TakeNextAsync, CancellationToken.None));
        Assert.Null(await timers.NextDueAtAsync(CancellationToken.None));
        Assert.Empty(await timers.ClaimDueAsync(database.Time.GetUtcNow(), 10, "clock", CancellationToken.None));
        Assert.Equal(now, await database.ScalarAsync<DateTimeOffset>("SELECT failed_at FROM timers WHERE id = @Id", new { Id = id }));
    }

    [Fact]
    public async Task A_parked_timer_survives_cancelling_and_deleting()
    {
        var database = Database;
        var timers = new TimerRepository(database.Store);
        var now = database.Time.GetUtcNow();
        var parked = await timers.ScheduleAsync("escalate", "INC-1", now, null, CancellationToken.None);
        var fired = await timers.ScheduleAsync("escalate", "INC-1", now, null, CancellationToken.None);
        await RecordAsync(database, parked, "bad payload", _ => null);
        await timers.MarkFiredAsync(fired, CancellationToken.None);

        Assert.Equal(0, await timers.CancelAsync("INC-1", null, CancellationToken.None));
        await database.ExecuteAsync("DELETE FROM timers");

        Assert.Equal(parked, await database.ScalarAsync<long>("SELECT id FROM timers"));
        Assert.Equal(1, await database.CountAsync("timers"));
    }

    [Fact]
    public async Task Parked_timers_are_counted_and_listed_most_recently_parked_first()
    {
        var database = Database;
        var timers = new TimerRepository(database.Store);
        var now = database.Time.GetUtcNow();
        var first = await timers.ScheduleAsync("escalate", "INC-1", now, null, CancellationToken.None);
        var second = await timers.ScheduleAsync("review-timer", "REV-2", now, null, CancellationToken.None);
        await timers.ScheduleAsync("escalate", "INC-3", now, null, CancellationToken.None);
        await RecordAsync(database, first, "one", _ => null);
        database.Time.Advance(TimeSpan.FromMinutes(1));
        await RecordAsync(database, second, "two", _ => null);

        var (count, parked) = await database.Store.ReadAsync(
            async c => (await TimerFailures.CountParkedAsync(c, CancellationToken.None), await TimerFailures.ListParkedAsync(c, 10, CancellationToken.None)),
            CancellationToken.None);

        Assert.Equal(2, count);
        Assert.Equal(
            [new ParkedTimer(second, "review-timer", "REV-2", now, 1, "two", now.AddMinutes(1)), new ParkedTimer(first, "escalate", "INC-1", now, 1, "one", now)],
            parked);
    }

    [Fact]
    public async Task A_failure_of_a_timer_that_fired_meanwhile_records_nothing()
    {
        var database = Database;
        var timers = new TimerRepository(database.Store);
        var id = await timers.ScheduleAsync("escalate", "INC-1", database.Time.GetUtcNow(), null, CancellationToken.None);
        await timers.MarkFiredAsync(id, CancellationToken.None);

        Assert.Null(await RecordAsync(database, id, "late failure", _ => null));
        Assert.Equal(0, await database.ScalarAsync<long>("SELECT count(*) FROM timers WHERE failed_at IS NOT NULL OR attempts > 0"));
    }

    private static Task<TimerFailure?> RecordAsync(ContractDatabase database, long id, string error, Func<int, TimeSpan?> retryAfter) =>
        new TimerFailures(database.Store).RecordAsync(id, error, retryAfter, CancellationToken.None);
}

public sealed class SqliteTimerFailureContract : TimerFailureContract
{
    protected override Task<ContractDatabase> CreateDatabaseAsync() => SqliteContractDatabase.CreateAsync();
}

[Collection(PostgresCollection.Name)]
public sealed class PostgresTimerFailureContract(PostgresFixture fixture) : TimerFailureContract
{
    protected override Task<ContractDatabase> CreateDatabaseAsync() => PostgresContract.CreateAsync(fixture);
}
