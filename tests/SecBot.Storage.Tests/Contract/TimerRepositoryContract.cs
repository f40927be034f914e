using System.Collections.Concurrent;
using SecBot.Storage.Tests.Support;
using SecBot.Storage.Timers;

namespace SecBot.Storage.Tests.Contract;

public abstract class TimerRepositoryContract : StoreContract
{
    [Fact]
    public async Task Only_due_unfired_timers_are_claimed_earliest_first()
    {
        var database = Database;
        var timers = new TimerRepository(database.Store);
        var now = database.Time.GetUtcNow();
        await timers.ScheduleAsync("escalate", "INC-2", now.AddMinutes(-1), "{\"level\":\"L1\"}", CancellationToken.None);
        await timers.ScheduleAsync("escalate", "INC-1", now.AddMinutes(-5), null, CancellationToken.None);
        await timers.ScheduleAsync("escalate", "INC-3", now.AddMinutes(1), null, CancellationToken.None);

        var claimed = await timers.ClaimDueAsync(now, 10, "clock-a", CancellationToken.None);

        Assert.Equal(["INC-1", "INC-2"], claimed.Select(timer => timer.Subject));
        Assert.Equal(now.AddMinutes(-5), claimed[0].DueAt);
        Assert.Equal("{\"level\":\"L1\"}", claimed[1].Payload);
    }

    [Fact]
    public async Task Two_claimers_on_one_file_claim_each_due_timer_exactly_once()
    {
        var database = Database;
        var now = database.Time.GetUtcNow();
        var scheduled = await database.Store.WriteAsync(
            async transaction =>
            {
                var ids = new List<long>();
                for (var index = 0; index < 300; index++)
                {
                    ids.Add(await transaction.ScheduleTimerAsync("escalate", $"INC-{index}", now.AddSeconds(-index)));
                }

                return ids;
            },
            CancellationToken.None);
        var claimers = new[]
        {
            new TimerRepository(database.Store),
            new TimerRepository(database.NewStore()),
        };
        var claims = new ConcurrentBag<(string Claimant, long TimerId)>();
        using var start = new Barrier(claimers.Length);

        await Task.WhenAll(claimers.Select((timers, index) => Task.Run(async () =>
        {
            var claimant = $"clock-{index}";
            start.SignalAndWait();
            while (true)
            {
                var batch = await timers.ClaimDueAsync(now, 3, claimant, CancellationToken.None);
                if (batch.Count == 0)
                {
                    return;
                }

                foreach (var timer in batch)
                {
                    claims.Add((claimant, timer.Id));
                }
            }
        })));

        Assert.Equal(scheduled.Order(), claims.Select(claim => claim.TimerId).Order());
        Assert.Equal(claims.Count, await database.ScalarAsync<long>("SELECT count(*) FROM timers WHERE claimed_by IS NOT NULL"));
    }

    [Fact]
    public async Task A_claimed_timer_is_not_handed_out_again_until_its_lease_runs_out()
    {
        var database = Database;
        var timers = new TimerRepository(database.Store, TimeSpan.FromMinutes(2));
        var now = database.Time.GetUtcNow();
        await timers.ScheduleAsync("escalate", "INC-1", now, null, CancellationToken.None);

        Assert.Single(await timers.ClaimDueAsync(now, 10, "clock-a", CancellationToken.None));
        Assert.Empty(await timers.ClaimDueAsync(now.AddMinutes(1), 10, "clock-b", CancellationToken.None));
        var reclaimed = await timers.ClaimDueAsync(now.AddMinutes(2), 10, "clock-b", CancellationToken.None);

        Assert.Equal("INC-1", Assert.Single(reclaimed).Subject);
    }

    [Fact]
    public async Task A_fired_timer_is_never_claimed_again()
    {
        var database = Database;
        var timers = new TimerRepository(database.Store);
        var now = database.Time.GetUtcNow();
        await timers.ScheduleAsync("escalate", "INC-1", now, null, CancellationToken.None);
        var timer = Assert.Single(await timers.ClaimDueAsync(now, 10, "clock-a", CancellationToken.None));

        Assert.True(await timers.MarkFiredAsync(timer.Id, CancellationToken.None));
        Assert.False(await timers.MarkFiredAsync(timer.Id, CancellationToken.None));

        Assert.Empty(await timers.ClaimDueAsync(now.AddDays(1), 10, "clock-a", CancellationToken.None));
        Assert.Null(await timers.NextDueAtAsync(CancellationToken.None));
    }

    [Fact]
    public async Task Next_due_is_the_earliest_unclaimed_due_time_or_the_end_of_a_claim_lease()
    {
        var database = Database;
        var timers = new TimerRepository(database.Store, TimeSpan.FromMinutes(2));
        var now = database.Time.GetUtcNow();
        Assert.Null(await timers.NextDueAtAsync(CancellationToken.None));

        await timers.ScheduleAsync("escalate", "INC-1", now.AddMinutes(10), null, CancellationToken.None);
        await timers.ScheduleAsync("escalate", "INC-2", now, null, CancellationToken.None);
        Assert.Equal(now, await timers.NextDueAtAsync(CancellationToken.None));

        await timers.ClaimDueAsync(now, 10, "clock-a", CancellationToken.None);
        Assert.Equal(now.AddMinutes(2), await timers.NextDueAtAsync(CancellationToken.None));
    }

    [Fact]
    public async Task When_every_pending_timer_is_claimed_next_due_is_the_earliest_lease_end()
    {
        var database = Database;
        var timers = new TimerRepository(database.Store, TimeSpan.FromMinutes(2));
        var now = database.Time.GetUtcNow();
        await timers.ScheduleAsync("escalate", "INC-1", now, null, CancellationToken.None);
        await timers.ScheduleAsync("escalate", "INC-2", now.AddMinutes(5), null, CancellationToken.None);

        await timers.ClaimDueAsync(now.AddMinutes(5), 10, "clock-a", CancellationToken.None);

        // Both were claimed at +5 minutes, so both leases run out two minutes later.
        Assert.Equal(now.AddMinutes(7), await timers.NextDueAtAsync(CancellationToken.None));
    }

    [Fact]
    public async Task Firing_a_timer_commits_with_the_change_it_caused()
    {
        var database = Database;
        var timers = new TimerRepository(database.Store);
        var now = database.Time.GetUtcNow();
        await timers.ScheduleAsync("escalate", "INC-1", now, null, CancellationToken.None);
        var timer = Assert.Single(await timers.ClaimDueAsync(now, 10, "clock-a", CancellationToken.None));

        await Assert.ThrowsAsync<InvalidOperationException>(() => database.Store.WriteAsync(
            async transaction =>
            {
                await transaction.MarkTimerFiredAsync(timer.Id);
                throw new InvalidOperationException("the engine failed");
            },
            CancellationToken.None));

        Assert.Equal(0, await database.ScalarAsync<long>("SELECT count(*) FROM timers WHERE fired_at IS NOT NULL"));
    }
}

public sealed class SqliteTimerRepositoryContract : TimerRepositoryContract
{
    protected override Task<ContractDatabase> CreateDatabaseAsync() => SqliteContractDatabase.CreateAsync();
}

[Collection(PostgresCollection.Name)]
public sealed class PostgresTimerRepositoryContract(PostgresFixture fixture) : TimerRepositoryContract
{
    protected override Task<ContractDatabase> CreateDatabaseAsync() => PostgresContract.CreateAsync(fixture);
}
