using System.Diagnostics.Metrics;
using Microsoft.Extensions.Diagnostics.Metrics.Testing;
using SecBot.Storage.Database;
using SecBot.Storage.Telemetry;
using SecBot.Storage.Tests.Support;
using SecBot.Storage.Timers;

namespace SecBot.Storage.Tests.Contract;

/// <summary>
/// What <c>/metrics</c> relies on from the store: a fact recorded in a write (<see cref="StoreTransaction.Record"/>) is
/// counted once when the write commits and never when it rolls back, on either provider and whatever the write shares its
/// transaction with; and the counts the store gauges read (open incidents, overdue timers) are what the tables hold.
/// </summary>
public abstract class StoreMetricsContract : StoreContract
{
    [Fact]
    public async Task A_recorded_fact_counts_once_when_its_write_commits_and_never_when_it_rolls_back()
    {
        using var meters = new TestMeterFactory();
        using var declared = new MetricCollector<long>(meters, StoreMetrics.MeterName, "secbot.incidents.declared");
        var store = Database.NewStore(new StoreMetrics(meters));

        await store.WriteAsync(transaction => Declare(transaction), None);
        await Assert.ThrowsAsync<InvalidOperationException>(() => store.WriteAsync(
            async transaction =>
            {
                await Declare(transaction);
                throw new InvalidOperationException("rolled back");
            },
            None));

        var counted = Assert.Single(declared.GetMeasurementSnapshot());
        Assert.Equal(1, counted.Value);
        Assert.Equal("L1", counted.Tags["level"]);
    }

    [Fact]
    public async Task Concurrent_writes_each_count_their_own_facts_and_a_failed_one_counts_none()
    {
        using var meters = new TestMeterFactory();
        using var declared = new MetricCollector<long>(meters, StoreMetrics.MeterName, "secbot.incidents.declared");
        var store = Database.NewStore(new StoreMetrics(meters));

        var outcomes = await RaceAsync(Enumerable.Range(0, 12).Select(i => (Func<Task<bool>>)(async () =>
        {
            try
            {
                await store.WriteAsync(
                    async transaction =>
                    {
                        await Declare(transaction);
                        if (i % 4 == 0) throw new InvalidOperationException("rolled back");
                    },
                    None);
                return true;
            }
            catch (InvalidOperationException)
            {
                return false;
            }
        })));

        Assert.Equal(9, outcomes.Count(committed => committed));
        Assert.Equal(9, declared.GetMeasurementSnapshot().Sum(m => m.Value));
    }

    [Fact]
    public async Task Facts_recorded_under_a_savepoint_that_rolls_back_are_dropped_with_its_rows()
    {
        using var meters = new TestMeterFactory();
        using var signOffs = new MetricCollector<long>(meters, StoreMetrics.MeterName, "secbot.signoffs");
        var store = Database.NewStore(new StoreMetrics(meters));
        await Database.AddPersonAsync("ana");
        await Database.AddPersonAsync("ben");

        var outcomes = await store.WriteAsync(
            async transaction =>
            {
                // As a decision whose second ledger row meets a seat filled meanwhile: the first row's fact must go too.
                var refused = await transaction.TryAsync(
                    async () =>
                    {
                        await Learn(transaction, "ana", "U1");
                        await Learn(transaction, "ben", "U1");
                        return true;
                    },
                    StoreConstraint.Unique);
                var declined = await transaction.TryAsync(
                    async () =>
                    {
                        await Learn(transaction, "ana", "U2");
                        return false;
                    },
                    StoreConstraint.Unique);
                var saved = await transaction.TryAsync(
                    async () =>
                    {
                        await Learn(transaction, "ben", "U3");
                        return true;
                    },
                    StoreConstraint.Unique);
                return (refused, declined, saved);
            },
            None);

        Assert.Equal((false, false, true), outcomes);
        Assert.Equal(["ben:U3"], await Database.QueryAsync<string>("SELECT person_id || ':' || user_id FROM learned_platform_ids"));
        var counted = Assert.Single(signOffs.GetMeasurementSnapshot());
        Assert.Equal(1, counted.Value);
    }

    [Fact]
    public async Task Overdue_timers_are_the_unfired_ones_due_before_the_cutoff_and_parked_ones_are_not()
    {
        var now = Now;
        await Store.WriteAsync(
            async transaction =>
            {
                await transaction.ScheduleTimerAsync("escalate", "INC-1", now.AddMinutes(-10));
                await transaction.ScheduleTimerAsync("escalate", "INC-2", now.AddMinutes(-3));
                await transaction.ScheduleTimerAsync("escalate", "INC-3", now.AddSeconds(-30));
                await transaction.ScheduleTimerAsync("escalate", "INC-4", now.AddHours(1));
                var fired = await transaction.ScheduleTimerAsync("escalate", "INC-5", now.AddMinutes(-20));
                await transaction.MarkTimerFiredAsync(fired);
            },
            None);
        var parked = await Database.ScalarAsync<long>("SELECT id FROM timers WHERE subject = 'INC-2'");
        await TimerFailures.RecordAsync(parked, "boom", _ => null, None);

        var overdue = await Store.ReadAsync(connection => new TimerRepository(Store).CountOverdueAsync(connection, now.AddMinutes(-1), None), None);

        Assert.Equal(1, overdue);
    }

    [Fact]
    public async Task Open_incidents_are_counted_by_level_and_type()
    {
        await Database.AddIncidentAsync("one");
        await Database.AddIncidentAsync("two");
        var resolved = await Database.AddIncidentAsync("three");
        await Database.ExecuteAsync("UPDATE incidents SET state = 'resolved' WHERE id = @Id", new { Id = resolved });
        await Database.ExecuteAsync("UPDATE incidents SET level = 'L2' WHERE title = 'two'");

        var open = await Store.ReadAsync(connection => Incidents.CountOpenAsync(connection, None), None);

        Assert.Equal([("L1", "general", 1L), ("L2", "general", 1L)], open);
    }

    private static Task Declare(StoreTransaction transaction)
    {
        transaction.Record(metrics => metrics.IncidentDeclared("L1", "general"));
        return transaction.ExecuteAsync("SELECT 1");
    }

    private static Task Learn(StoreTransaction transaction, string person, string userId)
    {
        transaction.Record(metrics => metrics.SignedOff("signoff", "approved"));
        return transaction.ExecuteAsync(
            "INSERT INTO learned_platform_ids (person_id, platform, user_id, email, learned_at) VALUES (@Person, 'slack', @UserId, 'someone@example.com', 0)",
            new { Person = person, UserId = userId });
    }

    /// <summary>Meters of their own scope, so a collector hears this test's store only.</summary>
    private sealed class TestMeterFactory : IMeterFactory
    {
        private readonly List<Meter> _meters = [];

        public Meter Create(MeterOptions options)
        {
            var meter = new Meter(options.Name, options.Version, options.Tags, scope: this);
            _meters.Add(meter);
            return meter;
        }

        public void Dispose()
        {
            foreach (var meter in _meters) meter.Dispose();
        }
    }
}

public sealed class SqliteStoreMetricsContract : StoreMetricsContract
{
    protected override Task<ContractDatabase> CreateDatabaseAsync() => SqliteContractDatabase.CreateAsync();
}

[Collection(PostgresCollection.Name)]
public sealed class PostgresStoreMetricsContract(PostgresFixture fixture) : StoreMetricsContract
{
    protected override Task<ContractDatabase> CreateDatabaseAsync() => PostgresContract.CreateAsync(fixture);
}
