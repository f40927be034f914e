using SecBot.Storage.Tests.Support;
using SecBot.Storage.Timers;

namespace SecBot.Storage.Tests.Timers;

public sealed class TimerListingTests
{
    [Fact]
    public async Task Every_timer_lists_in_the_order_it_was_set_with_when_it_fired_and_how_it_failed()
    {
        await using var database = await TemporaryDatabase.MigratedAsync();
        var now = database.Time.GetUtcNow();
        var (fired, parked, pending) = await database.Store.WriteAsync(
            async t => (
                await t.ScheduleTimerAsync("escalate", "INC-1", now.AddMinutes(-1), "{\"level\":\"L1\"}"),
                await t.ScheduleTimerAsync("review", "REV-1", now.AddMinutes(-2)),
                await t.ScheduleTimerAsync("escalate", "INC-2", now.AddMinutes(5))),
            CancellationToken.None);
        await database.Store.WriteAsync(t => t.MarkTimerFiredAsync(fired), CancellationToken.None);
        await database.Store.WriteAsync(t => new TimerFailures(database.Store).RecordAsync(t, parked, "boom", _ => null), CancellationToken.None);

        var all = await database.Store.ReadAsync(c => new TimerRepository(database.Store).ListAllAsync(c, CancellationToken.None), CancellationToken.None);

        Assert.Equal(
            [
                new StoredTimer(fired, "escalate", "INC-1", now.AddMinutes(-1), "{\"level\":\"L1\"}", now, 0, null, null),
                new StoredTimer(parked, "review", "REV-1", now.AddMinutes(-2), null, now, 1, "boom", now),
                new StoredTimer(pending, "escalate", "INC-2", now.AddMinutes(5), null, null, 0, null, null),
            ],
            all);
    }
}
