using Dapper;
using Microsoft.Data.Sqlite;
using SecBot.Storage.Delivery;
using SecBot.Storage.Tests.Support;

namespace SecBot.Storage.Tests.Store;

/// <summary>
/// Concurrent writes are group-committed: one transaction, one savepoint per write. Most tests hold the writer
/// inside a first write until the others are queued behind it, with the batch window lengthened, so that they
/// all land in one batch deterministically.
/// </summary>
public sealed class GroupCommitTests
{
    private const string Source = "group-commit";

    private static readonly OutboxMessage Announcement = new("slack", "C0INCIDENTS", "post", """{"text":"INC-1 declared"}""");

    [Fact]
    public async Task Concurrent_writers_are_all_committed_and_each_sees_its_change_when_its_write_returns()
    {
        await using var database = await TemporaryDatabase.MigratedAsync();
        const int writers = 200;

        var visibleOnReturn = await Task.WhenAll(Enumerable.Range(0, writers).Select(async i =>
        {
            var recorded = await database.Store.WriteAsync(transaction => transaction.TryRecordInboundKeyAsync(Source, $"k{i}"), CancellationToken.None);
            Assert.True(recorded);
            return await database.ScalarAsync<long>("SELECT count(*) FROM inbound_keys WHERE key = @Key", new { Key = $"k{i}" });
        }));

        Assert.All(visibleOnReturn, count => Assert.Equal(1, count));
        Assert.Equal(writers, await database.CountAsync("inbound_keys"));
        Assert.InRange(database.Store.BatchesCommitted, (writers + SqliteStore.MaxBatchItems - 1) / SqliteStore.MaxBatchItems, writers);
    }

    [Fact]
    public async Task A_failing_write_in_a_batch_rolls_back_only_its_own_changes()
    {
        await using var database = await TemporaryDatabase.MigratedAsync();
        await using var held = HeldWriter.Start(database.Store, transaction => transaction.TryRecordInboundKeyAsync(Source, "first"));
        await held.Entered;

        var failing = database.Store.WriteAsync(
            async transaction =>
            {
                await transaction.TryRecordInboundKeyAsync(Source, "failing");
                await transaction.EnqueueOutboxAsync(Announcement);
                await transaction.ScheduleTimerAsync("escalate", "INC-1", transaction.Now.AddMinutes(10));
                throw new InvalidOperationException("the engine refused the change");
            },
            CancellationToken.None);
        var last = database.Store.WriteAsync(transaction => transaction.TryRecordInboundKeyAsync(Source, "last"), CancellationToken.None);
        held.Release();

        await held.Write;
        await Assert.ThrowsAsync<InvalidOperationException>(() => failing);
        Assert.True(await last);
        Assert.Equal(["first", "last"], await KeysAsync(database));
        Assert.Equal(0, await database.CountAsync("outbox"));
        Assert.Equal(0, await database.CountAsync("timers"));
        Assert.Equal(1, database.Store.BatchesCommitted);
    }

    [Fact]
    public async Task A_failing_write_keeps_the_savepoints_of_the_others_apart_even_when_it_nests_its_own()
    {
        await using var database = await TemporaryDatabase.MigratedAsync();
        await using var held = HeldWriter.Start(database.Store, transaction => transaction.TryRecordInboundKeyAsync(Source, "first"));
        await held.Entered;

        // As GateRepository.SaveAsync does: a savepoint of its own, here left open by the throw.
        var failing = database.Store.WriteAsync(
            async transaction =>
            {
                await transaction.Transaction.SaveAsync("gate_save", transaction.CancellationToken);
                await transaction.TryRecordInboundKeyAsync(Source, "failing");
                throw new InvalidOperationException("refused inside its own savepoint");
            },
            CancellationToken.None);
        var nestedAndKept = database.Store.WriteAsync(
            async transaction =>
            {
                await transaction.Transaction.SaveAsync("gate_save", transaction.CancellationToken);
                await transaction.TryRecordInboundKeyAsync(Source, "undone");
                await transaction.Transaction.RollbackAsync("gate_save", transaction.CancellationToken);
                await transaction.Transaction.ReleaseAsync("gate_save", transaction.CancellationToken);
                return await transaction.TryRecordInboundKeyAsync(Source, "kept");
            },
            CancellationToken.None);
        held.Release();

        await held.Write;
        await Assert.ThrowsAsync<InvalidOperationException>(() => failing);
        Assert.True(await nestedAndKept);
        Assert.Equal(["first", "kept"], await KeysAsync(database));
    }

    [Fact]
    public async Task A_failed_commit_fails_every_write_of_the_batch_and_keeps_none_of_them()
    {
        await using var database = await TemporaryDatabase.MigratedAsync();
        var signals = 0;
        database.Store.OutboxChanged += (_, _) => signals++;
        await using var held = HeldWriter.Start(database.Store, transaction => transaction.TryRecordInboundKeyAsync(Source, "first"));
        await held.Entered;

        // A deferred foreign key violation: every statement succeeds, the COMMIT is refused.
        var breaksTheCommit = database.Store.WriteAsync(
            async transaction =>
            {
                await transaction.ExecuteAsync("PRAGMA defer_foreign_keys = ON");
                await transaction.AppendIncidentEventAsync(999_999, "note", "maya");
            },
            CancellationToken.None);
        var innocent = database.Store.WriteAsync(
            async transaction =>
            {
                await transaction.TryRecordInboundKeyAsync(Source, "innocent");
                await transaction.EnqueueOutboxAsync(Announcement);
            },
            CancellationToken.None);
        held.Release();

        await Assert.ThrowsAsync<SqliteException>(() => held.Write);
        await Assert.ThrowsAsync<SqliteException>(() => breaksTheCommit);
        await Assert.ThrowsAsync<SqliteException>(() => innocent);
        Assert.Empty(await KeysAsync(database));
        Assert.Equal(0, await database.CountAsync("incident_events"));
        Assert.Equal(0, await database.CountAsync("outbox"));
        Assert.Equal(0, signals);
        Assert.Equal(0, database.Store.BatchesCommitted);

        Assert.True(await database.Store.WriteAsync(transaction => transaction.TryRecordInboundKeyAsync(Source, "after"), CancellationToken.None));
        Assert.Equal(["after"], await KeysAsync(database));
    }

    [Fact]
    public async Task A_write_inside_a_write_is_refused_even_from_a_task_the_work_started_and_the_rest_of_the_batch_commits()
    {
        await using var database = await TemporaryDatabase.MigratedAsync();
        await using var held = HeldWriter.Start(database.Store, transaction => transaction.TryRecordInboundKeyAsync(Source, "first"));
        await held.Entered;

        var nested = database.Store.WriteAsync(
            async transaction =>
            {
                await transaction.TryRecordInboundKeyAsync(Source, "outer");
                await Task.Run(() => database.Store.WriteAsync(inner => inner.TryRecordInboundKeyAsync(Source, "inner"), CancellationToken.None));
            },
            CancellationToken.None);
        var last = database.Store.WriteAsync(transaction => transaction.TryRecordInboundKeyAsync(Source, "last"), CancellationToken.None);
        held.Release();

        await held.Write;
        var refused = await Assert.ThrowsAsync<InvalidOperationException>(() => nested);
        Assert.Contains("not re-entrant", refused.Message, StringComparison.Ordinal);
        Assert.True(await last);
        Assert.Equal(["first", "last"], await KeysAsync(database));
    }

    [Fact]
    public async Task A_write_cancelled_before_it_is_called_does_nothing()
    {
        await using var database = await TemporaryDatabase.MigratedAsync();
        using var cancelled = new CancellationTokenSource();
        await cancelled.CancelAsync();
        var called = false;

        var write = database.Store.WriteAsync(
            transaction =>
            {
                called = true;
                return transaction.TryRecordInboundKeyAsync(Source, "never");
            },
            cancelled.Token);

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => write);
        Assert.True(write.IsCanceled);
        Assert.False(called);
        Assert.Empty(await KeysAsync(database));
    }

    [Fact]
    public async Task A_write_cancelled_while_queued_returns_at_once_and_never_runs()
    {
        await using var database = await TemporaryDatabase.MigratedAsync();
        await using var held = HeldWriter.Start(database.Store, transaction => transaction.TryRecordInboundKeyAsync(Source, "first"));
        await held.Entered;
        using var cancellation = new CancellationTokenSource();
        var called = false;

        var queued = database.Store.WriteAsync(
            transaction =>
            {
                called = true;
                return transaction.TryRecordInboundKeyAsync(Source, "never");
            },
            cancellation.Token);
        await cancellation.CancelAsync();

        // Cancelled while the writer is still held: it does not wait for the batch in front of it.
        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => queued);
        held.Release();
        await held.Write;
        Assert.False(called);
        Assert.Equal(["first"], await KeysAsync(database));
    }

    [Fact]
    public async Task Signals_are_raised_once_per_committed_batch_that_added_outbox_messages_or_changed_timers()
    {
        await using var database = await TemporaryDatabase.MigratedAsync();
        var outboxSignals = 0;
        var timerSignals = 0;
        database.Store.OutboxChanged += (_, _) => outboxSignals++;
        database.Store.TimersChanged += (_, _) => timerSignals++;

        await using (var held = HeldWriter.Start(database.Store, transaction => transaction.EnqueueOutboxAsync(Announcement)))
        {
            await held.Entered;
            var writes = Enumerable.Range(1, 5).Select(i => database.Store.WriteAsync(
                async transaction =>
                {
                    await transaction.EnqueueOutboxAsync(Announcement);
                    await transaction.ScheduleTimerAsync("escalate", $"INC-{i}", transaction.Now.AddMinutes(10));
                },
                CancellationToken.None)).ToList();
            held.Release();
            await held.Write;
            await Task.WhenAll(writes);
        }

        Assert.Equal(1, database.Store.BatchesCommitted);
        Assert.Equal(6, await database.CountAsync("outbox"));
        Assert.Equal(1, outboxSignals);
        Assert.Equal(1, timerSignals);

        // A batch whose only outbox message and timer were rolled back raises nothing.
        await using (var held = HeldWriter.Start(database.Store, transaction => transaction.TryRecordInboundKeyAsync(Source, "quiet")))
        {
            await held.Entered;
            var failing = database.Store.WriteAsync(
                async transaction =>
                {
                    await transaction.EnqueueOutboxAsync(Announcement);
                    await transaction.ScheduleTimerAsync("escalate", "INC-9", transaction.Now.AddMinutes(10));
                    throw new InvalidOperationException("refused");
                },
                CancellationToken.None);
            held.Release();
            await held.Write;
            await Assert.ThrowsAsync<InvalidOperationException>(() => failing);
        }

        Assert.Equal(2, database.Store.BatchesCommitted);
        Assert.Equal(1, outboxSignals);
        Assert.Equal(1, timerSignals);
    }

    [Fact]
    public async Task Each_write_of_a_batch_gets_its_own_now()
    {
        await using var database = await TemporaryDatabase.MigratedAsync();
        var firstNow = default(DateTimeOffset);
        await using var held = HeldWriter.Start(database.Store, transaction =>
        {
            firstNow = transaction.Now;
            return Task.FromResult(true);
        });
        await held.Entered;

        var second = database.Store.WriteAsync(transaction => Task.FromResult(transaction.Now), CancellationToken.None);
        database.Time.Advance(TimeSpan.FromMinutes(1));
        held.Release();
        await held.Write;

        Assert.Equal(TemporaryDatabase.Start, firstNow);
        Assert.Equal(TemporaryDatabase.Start.AddMinutes(1), await second);
        Assert.Equal(1, database.Store.BatchesCommitted);
    }

    [Fact]
    public async Task A_batch_takes_at_most_the_bounded_number_of_writes()
    {
        await using var database = await TemporaryDatabase.MigratedAsync();
        await using var held = HeldWriter.Start(database.Store, transaction => transaction.TryRecordInboundKeyAsync(Source, "first"));
        await held.Entered;

        var writes = Enumerable.Range(0, 100)
            .Select(i => database.Store.WriteAsync(transaction => transaction.TryRecordInboundKeyAsync(Source, $"k{i}"), CancellationToken.None))
            .ToList();
        held.Release();
        await held.Write;
        await Task.WhenAll(writes);

        Assert.Equal(101, await database.CountAsync("inbound_keys"));
        Assert.Equal(2, database.Store.BatchesCommitted);
    }

    [Fact]
    public async Task Dispose_lets_the_batch_in_progress_commit_fails_the_queued_writes_and_refuses_new_ones()
    {
        await using var database = await TemporaryDatabase.MigratedAsync();
        var store = database.NewStore();
        store.MaxBatchDuration = TimeSpan.Zero;
        var release = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var entered = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var inProgress = store.WriteAsync(
            async transaction =>
            {
                entered.SetResult();
                await release.Task;
                return await transaction.TryRecordInboundKeyAsync(Source, "in-progress");
            },
            CancellationToken.None);
        await entered.Task;
        var queued = store.WriteAsync(transaction => transaction.TryRecordInboundKeyAsync(Source, "queued"), CancellationToken.None);

        var disposing = Task.Run(store.Dispose);
        await Assert.ThrowsAsync<ObjectDisposedException>(() => queued);
        Assert.False(disposing.IsCompleted);
        release.SetResult();
        await disposing;

        // Dispose returned only after the batch in progress committed.
        Assert.Equal(["in-progress"], await KeysAsync(database));
        Assert.True(await inProgress);
        await Assert.ThrowsAsync<ObjectDisposedException>(
            () => store.WriteAsync(transaction => transaction.TryRecordInboundKeyAsync(Source, "late"), CancellationToken.None));
        Assert.Equal(["in-progress"], await KeysAsync(database));
    }

    private static async Task<List<string>> KeysAsync(TemporaryDatabase database)
    {
        await using var connection = await database.Database.OpenConnectionAsync(CancellationToken.None);
        return (await connection.QueryAsync<string>("SELECT key FROM inbound_keys ORDER BY key")).ToList();
    }

    /// <summary>A first write that holds the writer (inside its batch) until released; the batch window is made unlimited.</summary>
    private sealed class HeldWriter : IAsyncDisposable
    {
        private readonly TaskCompletionSource _entered = new(TaskCreationOptions.RunContinuationsAsynchronously);
        private readonly TaskCompletionSource _release = new(TaskCreationOptions.RunContinuationsAsynchronously);

        private HeldWriter()
        {
        }

        public Task Entered => _entered.Task;

        public Task Write { get; private set; } = Task.CompletedTask;

        public static HeldWriter Start<T>(SqliteStore store, Func<StoreTransaction, Task<T>> work)
        {
            store.MaxBatchDuration = TimeSpan.FromHours(1);
            var held = new HeldWriter();
            held.Write = store.WriteAsync(
                async transaction =>
                {
                    var result = await work(transaction);
                    held._entered.TrySetResult();
                    await held._release.Task;
                    return result;
                },
                CancellationToken.None);
            return held;
        }

        public void Release() => _release.TrySetResult();

        public async ValueTask DisposeAsync()
        {
            Release();
            try
            {
                await Write;
            }
            catch (Exception)
            {
                // The test asserts on the outcome it expects.
            }
        }
    }
}
