using System.Collections.Concurrent;
using SecBot.Storage.Tests.Support;
using SecBot.Storage.Timers;

namespace SecBot.Storage.Tests.Contract;

/// <summary>
/// Clocks in two stores firing due timers (<see cref="DueTimers.TakeNextAsync"/> and the fired mark in one write): each
/// timer fires exactly once, and a timer taken by a write that does not commit is left for another.
/// </summary>
public abstract class DueTimerContract : StoreContract
{
    [Fact]
    public async Task Timers_taken_by_clocks_in_two_stores_at_once_each_fire_exactly_once()
    {
        const int timers = 60;
        await Store.WriteAsync(
            async transaction =>
            {
                for (var i = 0; i < timers; i++) await transaction.ScheduleTimerAsync("escalate", $"INC-{i}", transaction.Now.AddSeconds(-i));
            },
            None);
        IStore[] stores = [Store, Database.NewStore()];
        var fired = new ConcurrentBag<long>();

        await RaceAsync(Enumerable.Range(0, 6).Select(clock => (Func<Task<bool>>)(async () =>
        {
            while (await stores[clock % stores.Length].WriteAsync(FireNextAsync, None) is { } id) fired.Add(id);
            return true;
        })));

        Assert.Equal(timers, fired.Count);
        Assert.Equal(timers, fired.Distinct().Count());
        Assert.Equal(0, await Database.CountAsync("timers WHERE fired_at IS NULL"));
    }

    [Fact]
    public async Task Timers_claimed_from_two_stores_at_once_each_go_to_one_claimant()
    {
        const int timers = 40;
        await Store.WriteAsync(
            async transaction =>
            {
                for (var i = 0; i < timers; i++) await transaction.ScheduleTimerAsync("remind", $"REV-{i}", transaction.Now);
            },
            None);
        IStore[] stores = [Store, Database.NewStore()];
        var claims = new ConcurrentDictionary<long, string>();
        var now = Now;

        // A claimant stops when it finds nothing to claim: what it could not see was held by another's claim, which takes it.
        await RaceAsync(Enumerable.Range(0, 4).Select(worker => (Func<Task<bool>>)(async () =>
        {
            var claimant = $"clock-{worker}";
            var repository = new TimerRepository(stores[worker % stores.Length]);
            while (await repository.ClaimDueAsync(now, 3, claimant, None) is { Count: > 0 } claimed)
            {
                foreach (var timer in claimed) Assert.True(claims.TryAdd(timer.Id, claimant), $"timer {timer.Id} went to {claims.GetValueOrDefault(timer.Id)} and {claimant}");
            }

            return true;
        })));

        Assert.Equal(timers, claims.Count);
        Assert.Equal(0, await Database.CountAsync("timers WHERE claimed_by IS NULL"));
    }

    [Fact]
    public async Task A_timer_taken_by_a_write_that_rolls_back_is_left_for_the_other_store()
    {
        var id = await Store.WriteAsync(transaction => transaction.ScheduleTimerAsync("remind", "REV-1", transaction.Now), None);
        var other = Database.NewStore();
        var taken = new TaskCompletionSource<long?>(TaskCreationOptions.RunContinuationsAsynchronously);
        var giveUp = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        if (!Database.WritersRunTogether) giveUp.SetResult();

        var dying = Store.WriteAsync(
            async transaction =>
            {
                var timer = await DueTimers.TakeNextAsync(transaction);
                taken.SetResult(timer?.Id);
                await giveUp.Task;
                await transaction.MarkTimerFiredAsync(timer!.Id);
                throw new InvalidOperationException("the firing failed");
            },
            None);
        Assert.Equal(id, await Reached(taken.Task));
        if (Database.WritersRunTogether)
        {
            // While the first write holds it, the other store skips it rather than waiting or firing it too.
            Assert.Null(await other.WriteAsync(FireNextAsync, None));
            giveUp.SetResult();
        }

        await Assert.ThrowsAsync<InvalidOperationException>(() => dying);

        Assert.Equal(id, await other.WriteAsync(FireNextAsync, None));
        Assert.Null(await other.WriteAsync(FireNextAsync, None));
        Assert.Equal(1, await Database.CountAsync("timers WHERE fired_at IS NOT NULL"));
    }

    private async Task<long?> FireNextAsync(StoreTransaction transaction)
    {
        if (await DueTimers.TakeNextAsync(transaction) is not { } timer) return null;
        Assert.True(await transaction.MarkTimerFiredAsync(timer.Id), $"timer {timer.Id} was taken after it fired");
        return timer.Id;
    }
}

public sealed class SqliteDueTimerContract : DueTimerContract
{
    protected override Task<ContractDatabase> CreateDatabaseAsync() => SqliteContractDatabase.CreateAsync();
}

[Collection(PostgresCollection.Name)]
public sealed class PostgresDueTimerContract(PostgresFixture fixture) : DueTimerContract
{
    protected override Task<ContractDatabase> CreateDatabaseAsync() => PostgresContract.CreateAsync(fixture);
}
