using Dapper;
using SecBot.Storage.Delivery;
using SecBot.Storage.Tests.Support;

namespace SecBot.Storage.Tests.Contract;

/// <summary>What every store promises of one write: it commits whole or not at all, signals after commit, and is not re-entrant.</summary>
public abstract class StoreTransactionContract : StoreContract
{
    private static readonly OutboxMessage Announcement = new("slack", "C0INCIDENTS", "post", """{"text":"INC-1 declared"}""");

    [Fact]
    public async Task A_change_its_timeline_its_outbox_message_and_its_timer_commit_together()
    {
        var database = Database;
        var incidentId = await database.AddIncidentAsync();

        await database.Store.WriteAsync(
            async transaction =>
            {
                await transaction.ExecuteAsync("UPDATE incidents SET state = 'acknowledged' WHERE id = @Id", new { Id = incidentId });
                await transaction.AppendIncidentEventAsync(incidentId, "acknowledged", "maya", """{"level":"L1"}""");
                await transaction.EnqueueOutboxAsync(Announcement);
                await transaction.ScheduleTimerAsync("escalate", $"INC-{incidentId}", transaction.Now.AddMinutes(10));
            },
            CancellationToken.None);

        Assert.Equal("acknowledged", await database.ScalarAsync<string>("SELECT state FROM incidents"));
        Assert.Equal(1, await database.CountAsync("incident_events"));
        Assert.Equal(1, await database.CountAsync("outbox"));
        Assert.Equal(1, await database.CountAsync("timers"));
        Assert.Equal(
            ContractDatabase.Start.AddMinutes(10),
            await database.ScalarAsync<DateTimeOffset>("SELECT due_at FROM timers"));
    }

    [Fact]
    public async Task Another_store_sees_nothing_of_a_write_until_it_commits_and_then_all_of_it()
    {
        var other = Database.NewStore();
        var written = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var commit = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var writing = Store.WriteAsync(
            async transaction =>
            {
                var incident = await transaction.QuerySingleAsync<long>(
                    "INSERT INTO incidents (title, type, level, declared_by, created_at, updated_at) VALUES ('Leak', 'general', 'L1', 'maya', @Now, @Now) RETURNING id",
                    new { transaction.Now });
                await transaction.AppendIncidentEventAsync(incident, "declared", "maya");
                await transaction.EnqueueOutboxAsync(Announcement);
                await transaction.ScheduleTimerAsync("escalate", $"INC-{incident}", transaction.Now.AddMinutes(10));
                written.SetResult();
                await commit.Task;
            },
            CancellationToken.None);
        await Reached(written.Task);

        Assert.Equal((0L, 0L, 0L, 0L), await CountRowsAsync(other));
        commit.SetResult();
        await writing;

        Assert.Equal((1L, 1L, 1L, 1L), await CountRowsAsync(other));
    }

    [Fact]
    public async Task When_the_work_throws_the_state_change_event_outbox_message_and_timer_are_all_rolled_back()
    {
        var database = Database;
        var incidentId = await database.AddIncidentAsync();
        var signals = 0;
        database.Signals.OutboxChanged += (_, _) => signals++;
        database.Signals.TimersChanged += (_, _) => signals++;

        await Assert.ThrowsAsync<InvalidOperationException>(() => database.Store.WriteAsync(
            async transaction =>
            {
                await transaction.ExecuteAsync("UPDATE incidents SET state = 'resolved' WHERE id = @Id", new { Id = incidentId });
                await transaction.AppendIncidentEventAsync(incidentId, "resolved", "maya");
                await transaction.EnqueueOutboxAsync(Announcement);
                await transaction.ScheduleTimerAsync("escalate", $"INC-{incidentId}", transaction.Now.AddMinutes(10));
                await transaction.TryRecordInboundKeyAsync("slack-event", "Ev001");
                throw new InvalidOperationException("the engine refused the change");
            },
            CancellationToken.None));

        Assert.Equal("open", await database.ScalarAsync<string>("SELECT state FROM incidents"));
        Assert.Equal(0, await database.CountAsync("incident_events"));
        Assert.Equal(0, await database.CountAsync("outbox"));
        Assert.Equal(0, await database.CountAsync("timers"));
        Assert.Equal(0, await database.CountAsync("inbound_keys"));
        Assert.Equal(0, signals);
    }

    [Fact]
    public async Task A_store_stays_usable_after_a_failed_write()
    {
        var database = Database;
        await Assert.ThrowsAsync<InvalidOperationException>(
            () => database.Store.WriteAsync(_ => throw new InvalidOperationException("boom"), CancellationToken.None));

        var recorded = await database.Store.WriteAsync(
            transaction => transaction.TryRecordInboundKeyAsync("slack-event", "Ev002"), CancellationToken.None);

        Assert.True(recorded);
    }

    [Fact]
    public async Task Committed_outbox_messages_and_timers_raise_their_signals_after_commit()
    {
        var database = Database;
        long outboxRowsSeenBySignal = -1;
        var timerSignals = 0;
        database.Signals.OutboxChanged += (_, _) => outboxRowsSeenBySignal = database.CountAsync("outbox").GetAwaiter().GetResult();
        database.Signals.TimersChanged += (_, _) => timerSignals++;

        await database.Store.WriteAsync(transaction => transaction.EnqueueOutboxAsync(Announcement), CancellationToken.None);
        Assert.Equal(1, outboxRowsSeenBySignal);
        Assert.Equal(0, timerSignals);

        await database.Store.WriteAsync(
            transaction => transaction.ScheduleTimerAsync("remind", "REV-1", transaction.Now.AddHours(24)), CancellationToken.None);
        Assert.Equal(1, timerSignals);
    }

    [Fact]
    public async Task A_write_without_outbox_messages_or_timers_raises_no_signal()
    {
        var database = Database;
        var signals = 0;
        database.Signals.OutboxChanged += (_, _) => signals++;
        database.Signals.TimersChanged += (_, _) => signals++;

        await database.Store.WriteAsync(transaction => transaction.TryRecordInboundKeyAsync("teams", "a1"), CancellationToken.None);

        Assert.Equal(0, signals);
    }

    [Fact]
    public async Task A_failing_signal_handler_does_not_undo_or_fail_the_committed_write()
    {
        var database = Database;
        var laterHandlerRan = false;
        database.Signals.OutboxChanged += (_, _) => throw new InvalidOperationException("subscriber bug");
        database.Signals.OutboxChanged += (_, _) => laterHandlerRan = true;

        await database.Store.WriteAsync(transaction => transaction.EnqueueOutboxAsync(Announcement), CancellationToken.None);

        Assert.Equal(1, await database.CountAsync("outbox"));
        Assert.True(laterHandlerRan);
    }


    [Fact]
    public async Task A_write_inside_a_write_is_refused_instead_of_deadlocking()
    {
        var database = Database;

        await Assert.ThrowsAsync<InvalidOperationException>(() => database.Store.WriteAsync(
            _ => database.Store.WriteAsync(inner => inner.TryRecordInboundKeyAsync("slack", "nested"), CancellationToken.None),
            CancellationToken.None));
    }

    [Fact]
    public async Task An_inbound_key_is_recorded_once_and_its_repeat_reports_false()
    {
        var database = Database;

        var first = await database.Store.WriteAsync(transaction => transaction.TryRecordInboundKeyAsync("slack-event", "Ev123"), CancellationToken.None);
        var repeat = await database.Store.WriteAsync(transaction => transaction.TryRecordInboundKeyAsync("slack-event", "Ev123"), CancellationToken.None);
        var otherSource = await database.Store.WriteAsync(transaction => transaction.TryRecordInboundKeyAsync("teams-activity", "Ev123"), CancellationToken.None);

        Assert.True(first);
        Assert.False(repeat);
        Assert.True(otherSource);
    }

    [Fact]
    public async Task Reads_see_committed_writes()
    {
        var database = Database;
        await database.Store.WriteAsync(transaction => transaction.EnqueueOutboxAsync(Announcement), CancellationToken.None);

        var kinds = await database.Store.ReadAsync(
            async connection => (await connection.QueryAsync<string>("SELECT kind FROM outbox")).ToList(),
            CancellationToken.None);

        Assert.Equal(["post"], kinds);
    }

    [Fact]
    public async Task Timers_of_a_subject_can_be_cancelled_with_the_change_that_makes_them_moot()
    {
        var database = Database;
        await database.Store.WriteAsync(
            async transaction =>
            {
                await transaction.ScheduleTimerAsync("escalate", "INC-1", transaction.Now.AddMinutes(10));
                await transaction.ScheduleTimerAsync("repage", "INC-1", transaction.Now.AddMinutes(5));
                await transaction.ScheduleTimerAsync("escalate", "INC-2", transaction.Now.AddMinutes(10));
            },
            CancellationToken.None);

        var cancelled = await database.Store.WriteAsync(transaction => transaction.CancelTimersAsync("INC-1", "escalate"), CancellationToken.None);

        Assert.Equal(1, cancelled);
        Assert.Equal(["INC-1 repage", "INC-2 escalate"], await database.Store.ReadAsync(
            async connection => (await connection.QueryAsync<string>("SELECT subject || ' ' || kind FROM timers ORDER BY subject, kind")).ToList(),
            CancellationToken.None));
    }

    private static Task<(long, long, long, long)> CountRowsAsync(IStore store) =>
        store.ReadAsync(
            connection => connection.QuerySingleAsync<(long, long, long, long)>(
                "SELECT (SELECT count(*) FROM incidents), (SELECT count(*) FROM incident_events), (SELECT count(*) FROM outbox), (SELECT count(*) FROM timers)"),
            CancellationToken.None);
}

public sealed class SqliteStoreTransactionContract : StoreTransactionContract
{
    protected override Task<ContractDatabase> CreateDatabaseAsync() => SqliteContractDatabase.CreateAsync();
}

[Collection(PostgresCollection.Name)]
public sealed class PostgresStoreTransactionContract(PostgresFixture fixture) : StoreTransactionContract
{
    protected override Task<ContractDatabase> CreateDatabaseAsync() => PostgresContract.CreateAsync(fixture);
}
