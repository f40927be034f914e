using SecBot.Storage.Delivery;
using SecBot.Storage.Requeues;
using SecBot.Storage.Tests.Support;
using SecBot.Storage.Timers;

namespace SecBot.Storage.Tests.Contract;

/// <summary>
/// Re-queueing what SecBot gave up on: a dead letter goes back in the outbox and a parked timer back in the schedule,
/// due now with a fresh count of attempts, once; anything else is left alone; the audit keeps every re-queue.
/// </summary>
public abstract class RequeueContract : StoreContract
{
    [Fact]
    public async Task A_dead_letter_is_pending_again_due_now_with_a_fresh_retry_window_and_wakes_the_dispatcher()
    {
        var outbox = new OutboxRepository(Store);
        var id = await outbox.EnqueueAsync(Message("""{"subject":"INC-1"}"""), None);
        Database.Time.Advance(TimeSpan.FromMinutes(1));
        await outbox.MarkDeadAsync(id, "invalid_auth", None);
        Database.Time.Advance(TimeSpan.FromHours(2));
        var woken = 0;
        Database.Signals.OutboxChanged += (_, _) => woken++;

        var requeued = await Store.WriteAsync(transaction => DeadLetters.RequeueAsync(transaction, id), None);

        Assert.NotNull(requeued);
        Assert.Equal((id, OutboxState.Dead, "invalid_auth"), (requeued.Id, requeued.State, requeued.LastError));
        Assert.Equal(1, woken);
        Assert.Equal(new OutboxCounts(Pending: 1, Dead: 0), await outbox.CountAsync(None));
        var claimed = Assert.Single(await outbox.ClaimNextAsync(Now, 10, "dispatcher", None));
        Assert.Equal((id, 0, Now, (DateTimeOffset?)null), (claimed.Id, claimed.Attempts, claimed.CreatedAt, claimed.DeadAt));
    }

    [Fact]
    public async Task Only_a_dead_letter_is_requeued_and_only_once()
    {
        var outbox = new OutboxRepository(Store);
        var dead = await outbox.EnqueueAsync(Message("{}"), None);
        var pending = await outbox.EnqueueAsync(Message("{}"), None);
        await outbox.MarkDeadAsync(dead, "invalid_auth", None);

        Assert.NotNull(await Store.WriteAsync(transaction => DeadLetters.RequeueAsync(transaction, dead), None));
        Assert.Null(await Store.WriteAsync(transaction => DeadLetters.RequeueAsync(transaction, dead), None));
        Assert.Null(await Store.WriteAsync(transaction => DeadLetters.RequeueAsync(transaction, pending), None));
        Assert.Null(await Store.WriteAsync(transaction => DeadLetters.RequeueAsync(transaction, pending + 100), None));
        Assert.Equal(new OutboxCounts(Pending: 2, Dead: 0), await outbox.CountAsync(None));
    }

    [Fact]
    public async Task A_parked_timer_is_due_again_now_with_its_attempts_starting_over_and_wakes_the_clock()
    {
        var timers = new TimerRepository(Store);
        var dueAt = Now;
        var id = await timers.ScheduleAsync("escalate", "INC-1", dueAt, "{}", None);
        await TimerFailures.RecordAsync(id, "boom", _ => null, None);
        Database.Time.Advance(TimeSpan.FromDays(1));
        var signalled = new List<DateTimeOffset?>();
        Database.Signals.TimersChanged += (_, changed) => signalled.Add(changed.EarliestDue);

        var requeued = await Store.WriteAsync(transaction => TimerFailures.RequeueAsync(transaction, id), None);

        Assert.Equal(new ParkedTimer(id, "escalate", "INC-1", dueAt, 1, "boom", dueAt), requeued);
        Assert.Equal([Now], signalled);
        Assert.Equal(0, await Store.ReadAsync(c => TimerFailures.CountParkedAsync(c, None), None));
        var due = await Store.WriteAsync(DueTimers.TakeNextAsync, None);
        Assert.Equal((id, "INC-1"), (due!.Id, due.Subject));
        Assert.Equal(("boom", 0L), (await Database.ScalarAsync<string>("SELECT last_error FROM timers"), await Database.ScalarAsync<long>("SELECT attempts FROM timers")));
    }

    [Fact]
    public async Task Only_a_parked_timer_is_requeued_and_only_once()
    {
        var timers = new TimerRepository(Store);
        var parked = await timers.ScheduleAsync("escalate", "INC-1", Now, null, None);
        var waiting = await timers.ScheduleAsync("escalate", "INC-2", Now.AddHours(1), null, None);
        var fired = await timers.ScheduleAsync("escalate", "INC-3", Now, null, None);
        await TimerFailures.RecordAsync(parked, "boom", _ => null, None);
        await timers.MarkFiredAsync(fired, None);

        Assert.NotNull(await Store.WriteAsync(transaction => TimerFailures.RequeueAsync(transaction, parked), None));
        Assert.Null(await Store.WriteAsync(transaction => TimerFailures.RequeueAsync(transaction, parked), None));
        Assert.Null(await Store.WriteAsync(transaction => TimerFailures.RequeueAsync(transaction, waiting), None));
        Assert.Null(await Store.WriteAsync(transaction => TimerFailures.RequeueAsync(transaction, fired), None));
        Assert.Null(await Store.WriteAsync(transaction => TimerFailures.RequeueAsync(transaction, fired + 100), None));
        Assert.Equal(Now.AddHours(1), await Database.ScalarAsync<DateTimeOffset>("SELECT due_at FROM timers WHERE id = @Id", new { Id = waiting }));
        Assert.NotNull(await Database.ScalarAsync<DateTimeOffset?>("SELECT fired_at FROM timers WHERE id = @Id", new { Id = fired }));
    }

    [Fact]
    public async Task The_audit_keeps_every_requeue_newest_first_with_the_change_it_was_written_with()
    {
        var log = new RequeueLog();
        await Store.WriteAsync(transaction => log.AppendAsync(transaction, "olivia", RequeueTarget.Message, 7, "INC-1", "Slack DM to Maya Chen"), None);
        Database.Time.Advance(TimeSpan.FromMinutes(1));
        await Store.WriteAsync(transaction => log.AppendAsync(transaction, "raj", RequeueTarget.Timer, 3, null, "digest"), None);
        await Assert.ThrowsAsync<InvalidOperationException>(() => Store.WriteAsync<long>(
            async transaction =>
            {
                await log.AppendAsync(transaction, "raj", RequeueTarget.Timer, 4, null, "rolled back");
                throw new InvalidOperationException("the re-queue failed");
            },
            None));

        var audit = await Store.ReadAsync(c => log.ListAsync(c, 10, None), None);

        Assert.Equal(
            [(Now, "raj", RequeueTarget.Timer, 3L, (string?)null, "digest"), (Now.AddMinutes(-1), "olivia", RequeueTarget.Message, 7L, "INC-1", "Slack DM to Maya Chen")],
            audit.Select(r => (r.At, r.Actor, r.Target, r.TargetId, r.Subject, r.Detail)));
    }

    private static OutboxMessage Message(string payload) => new("slack", $"person:{Guid.NewGuid():N}", "card", payload);
}

public sealed class SqliteRequeueContract : RequeueContract
{
    protected override Task<ContractDatabase> CreateDatabaseAsync() => SqliteContractDatabase.CreateAsync();
}

[Collection(PostgresCollection.Name)]
public sealed class PostgresRequeueContract(PostgresFixture fixture) : RequeueContract
{
    protected override Task<ContractDatabase> CreateDatabaseAsync() => PostgresContract.CreateAsync(fixture);
}
