using SecBot.Storage.Delivery;
using SecBot.Storage.Timers;
using SecBot.Storage.Tests.Support;

namespace SecBot.Storage.Tests.Contract;

/// <summary>
/// Signals after commit: the writing store raises them itself, for commits that queued messages, gave one up or parked a
/// timer, or scheduled timers only, and on PostgreSQL another replica that listens raises them too.
/// </summary>
public abstract class SignalContract : StoreContract
{
    protected static readonly OutboxMessage Announcement = new("slack", "C0INCIDENTS", "post", "{}");

    [Fact]
    public async Task A_commit_with_outbox_rows_raises_OutboxChanged_on_the_writing_store_once_it_is_visible_to_the_other()
    {
        var other = Database.NewStore();
        long seenByOther = -1;
        var raised = 0;
        Database.Signals.OutboxChanged += (_, _) =>
        {
            raised++;
            seenByOther = other.ReadAsync(c => Dapper.SqlMapper.ExecuteScalarAsync<long>(c, "SELECT count(*) FROM outbox"), None).GetAwaiter().GetResult();
        };

        await Store.WriteAsync(transaction => transaction.EnqueueOutboxAsync(Announcement), None);
        await Store.WriteAsync(transaction => transaction.ScheduleTimerAsync("remind", "REV-1", transaction.Now.AddHours(1)), None);

        Assert.Equal(1, raised);
        Assert.Equal(1, seenByOther);
    }

    [Fact]
    public async Task A_commit_that_dead_letters_a_message_or_parks_a_timer_raises_OutboxChanged_and_a_retry_later_does_not()
    {
        var outbox = new OutboxRepository(Store);
        var failures = new TimerFailures(Store);
        var now = Database.Time.GetUtcNow();
        var message = await outbox.EnqueueAsync(Announcement, None);
        var retried = await Store.WriteAsync(transaction => transaction.ScheduleTimerAsync("escalate", "INC-1", now), None);
        var parked = await Store.WriteAsync(transaction => transaction.ScheduleTimerAsync("escalate", "INC-2", now), None);
        var raised = 0;
        Database.Signals.OutboxChanged += (_, _) => raised++;

        Assert.NotNull(await failures.RecordAsync(retried, "boom", _ => TimeSpan.FromMinutes(1), None));
        Assert.Equal(0, raised);
        Assert.True(await outbox.MarkDeadAsync(message, "invalid_auth", None));
        Assert.Equal(1, raised);
        Assert.True((await failures.RecordAsync(parked, "bad payload", _ => null, None))!.Parked);
        Assert.Equal(2, raised);
    }

    [Fact]
    public async Task A_commit_that_schedules_timers_signals_the_earliest_due_and_one_that_only_cancels_or_fires_signals_nothing()
    {
        var signalled = new List<DateTimeOffset?>();
        Database.Signals.TimersChanged += (_, timers) => signalled.Add(timers.EarliestDue);
        var now = Database.Time.GetUtcNow();

        await Store.WriteAsync(
            async transaction =>
            {
                await transaction.ScheduleTimerAsync("escalate", "INC-1", now.AddMinutes(30));
                await transaction.ScheduleTimerAsync("remind", "REV-1", now.AddMinutes(7));
                await transaction.ScheduleTimerAsync("remind", "REV-2", now.AddHours(2));
            },
            None);
        await Store.WriteAsync(transaction => transaction.CancelTimersAsync("INC-1"), None);
        Database.Time.Advance(TimeSpan.FromMinutes(7));
        var taken = await Store.WriteAsync(DueTimers.TakeNextAsync, None);
        Assert.NotNull(taken);
        await Store.WriteAsync(transaction => transaction.MarkTimerFiredAsync(taken.Id), None);

        Assert.Equal([now.AddMinutes(7)], signalled);
    }

    [Fact]
    public async Task A_write_that_throws_raises_no_signal()
    {
        var raised = 0;
        Database.Signals.OutboxChanged += (_, _) => raised++;
        Database.Signals.TimersChanged += (_, _) => raised++;

        await Assert.ThrowsAsync<InvalidOperationException>(() => Store.WriteAsync(
            async transaction =>
            {
                await transaction.EnqueueOutboxAsync(Announcement);
                await transaction.ScheduleTimerAsync("remind", "REV-1", transaction.Now);
                throw new InvalidOperationException("refused");
            },
            None));

        Assert.Equal(0, raised);
    }
}

public sealed class SqliteSignalContract : SignalContract
{
    protected override Task<ContractDatabase> CreateDatabaseAsync() => SqliteContractDatabase.CreateAsync();
}

[Collection(PostgresCollection.Name)]
public sealed class PostgresSignalContract(PostgresFixture fixture) : SignalContract
{
    protected override Task<ContractDatabase> CreateDatabaseAsync() => PostgresContract.CreateAsync(fixture);

    [Fact]
    public async Task A_listening_replica_hears_another_replicas_outbox_and_timer_commits()
    {
        var listener = Database.NewStore();
        var signals = ContractDatabase.SignalsOf(listener);
        var outboxSignals = new SignalCounter();
        var timerSignals = new SignalCounter();
        signals.OutboxChanged += (_, _) => outboxSignals.Raise();
        var heardDue = new System.Collections.Concurrent.ConcurrentQueue<DateTimeOffset?>();
        signals.TimersChanged += (_, timers) =>
        {
            heardDue.Enqueue(timers.EarliestDue);
            timerSignals.Raise();
        };
        using var stop = new CancellationTokenSource();
        var listening = Database.ListenAsync(listener, stop.Token);

        // Listening raises both once it is connected, since whatever was announced before is unheard.
        await Reached(outboxSignals.AtLeast(1));
        await Reached(timerSignals.AtLeast(1));
        Assert.Null(heardDue.First());
        await Store.WriteAsync(transaction => transaction.EnqueueOutboxAsync(Announcement), None);
        await Reached(outboxSignals.AtLeast(2));
        await Store.WriteAsync(transaction => transaction.ScheduleTimerAsync("remind", "REV-1", transaction.Now.AddHours(1)), None);
        await Reached(timerSignals.AtLeast(2));
        Assert.Equal(Database.Time.GetUtcNow().AddHours(1), heardDue.Last());

        await stop.CancelAsync();
        await Reached(listening);
        Assert.Equal(1, (await new OutboxRepository(listener).CountAsync(None)).Pending);
    }

    /// <summary>Counts signals and lets a test wait for the n-th.</summary>
    private sealed class SignalCounter
    {
        private readonly List<(int Count, TaskCompletionSource Reached)> _waiters = [];
        private int _count;

        public void Raise()
        {
            lock (_waiters)
            {
                _count++;
                foreach (var waiter in _waiters.Where(w => w.Count <= _count)) waiter.Reached.TrySetResult();
            }
        }

        public Task AtLeast(int count)
        {
            lock (_waiters)
            {
                var reached = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
                if (_count >= count) reached.SetResult();
                else _waiters.Add((count, reached));
                return reached.Task;
            }
        }
    }
}
