using System.Diagnostics;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.Logging;
using SecBot.Storage.Database;

namespace SecBot.Storage;

/// <summary>The single writer behind <see cref="SqliteStore.WriteAsync{T}"/>: a queue, drained in group-committed batches.</summary>
public sealed partial class SqliteStore
{
    /// <summary>How long a batch keeps taking queued writes once it has started; it never waits for more to arrive.</summary>
    public static readonly TimeSpan DefaultMaxBatchDuration = TimeSpan.FromMilliseconds(5);

    // Each write of a batch runs inside this savepoint, released (or rolled back to) before the next one starts.
    // Work may nest savepoints of its own inside it (GateRepository uses "gate_save"); none may use this name.
    private const string WriteSavepoint = "secbot_store_write";

    private readonly Lock _queueLock = new();
    private readonly Queue<PendingWrite> _queue = new();
    private TaskCompletionSource? _writerStopped;
    private bool _writerRunning;
    private bool _disposed;
    private long _batchesCommitted;

    /// <summary>How long a batch keeps taking queued writes (tests lengthen it to make batches deterministic).</summary>
    internal TimeSpan MaxBatchDuration { get; set; } = DefaultMaxBatchDuration;

    /// <summary>Transactions committed so far with at least one successful write in them.</summary>
    internal long BatchesCommitted => Interlocked.Read(ref _batchesCommitted);

    /// <summary>Stops taking writes, fails those still queued, and waits for the batch in progress to finish.</summary>
    public void Dispose()
    {
        var writer = StopWriter();
        if (!ReferenceEquals(StoreWritingOnThisFlow.Value, this))
        {
            writer.GetAwaiter().GetResult();
        }
    }

    /// <inheritdoc cref="Dispose"/>
    public async ValueTask DisposeAsync()
    {
        var writer = StopWriter();
        if (!ReferenceEquals(StoreWritingOnThisFlow.Value, this))
        {
            await writer;
        }
    }

    /// <summary>Queues a write; true when no writer was running, so the caller must lead: run the first batch itself.</summary>
    private bool Enqueue(PendingWrite pending)
    {
        // Watched before it is queued, so a cancellation can never race the writer over the registration.
        pending.WatchCancellation();
        lock (_queueLock)
        {
            if (!_disposed)
            {
                _queue.Enqueue(pending);
                if (_writerRunning)
                {
                    return false;
                }

                _writerRunning = true;
                return true;
            }
        }

        pending.Refuse(new ObjectDisposedException(nameof(SqliteStore)));
        return false;
    }

    /// <summary>
    /// The caller that found the writer idle runs the first batch (its own write and whatever queued meanwhile) on its
    /// own flow, so a lone write costs no thread hop; if more queued meanwhile, a writer task drains them.
    /// </summary>
    private async Task LeadAsync()
    {
        StoreWritingOnThisFlow.Value = this;
        var first = TakeNext(stopWhenEmpty: true);
        if (first is null)
        {
            return;
        }

        await RunBatchAsync([first]);
        lock (_queueLock)
        {
            if (_queue.Count == 0)
            {
                StopRunningLocked();
                return;
            }

            // The writer task is nobody's flow: the caller that started it must not lend it its async locals.
            using (ExecutionContext.SuppressFlow())
            {
                _ = Task.Run(DrainAsync);
            }
        }
    }

    private void StopRunningLocked()
    {
        _writerRunning = false;
        if (_disposed)
        {
            CloseWriteConnection();
        }

        _writerStopped?.TrySetResult();
    }

    private Task StopWriter()
    {
        List<PendingWrite> refused;
        Task writer;
        lock (_queueLock)
        {
            if (_disposed)
            {
                return _writerStopped?.Task ?? Task.CompletedTask;
            }

            _disposed = true;
            if (!_writerRunning)
            {
                CloseWriteConnection();
            }

            refused = [.. _queue];
            _queue.Clear();
            if (_writerRunning)
            {
                _writerStopped = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
            }

            writer = _writerStopped?.Task ?? Task.CompletedTask;
        }

        foreach (var pending in refused)
        {
            pending.Refuse(new ObjectDisposedException(nameof(SqliteStore)));
        }

        return writer;
    }

    private async Task DrainAsync()
    {
        StoreWritingOnThisFlow.Value = this;
        var batch = new List<PendingWrite>(MaxBatchItems);
        while (true)
        {
            var first = TakeNext(stopWhenEmpty: true);
            if (first is null)
            {
                return;
            }

            batch.Add(first);
            await RunBatchAsync(batch);
            batch.Clear();
        }
    }

    /// <summary>The next queued write that was not cancelled meanwhile, now started; null when there is none.</summary>
    private PendingWrite? TakeNext(bool stopWhenEmpty)
    {
        lock (_queueLock)
        {
            while (_queue.TryDequeue(out var pending))
            {
                if (pending.TryStart())
                {
                    return pending;
                }
            }

            if (stopWhenEmpty)
            {
                StopRunningLocked();
            }

            return null;
        }
    }

    // Whatever goes wrong is reported to the writes of the batch: the writer itself must never fault and stop.
#pragma warning disable CA1031
    private async Task RunBatchAsync(List<PendingWrite> batch)
    {
        var started = Stopwatch.GetTimestamp();
        var committed = false;
        try
        {
            var (connection, commands) = await WriteConnectionAsync();
            await using var transaction = connection.BeginTransaction(deferred: false);
            for (var i = 0; i < batch.Count; i++)
            {
                // The first write needs no savepoint: if it fails, the transaction holds nothing else, so it is all
                // rolled back and the batch ends there (what queued meanwhile goes to the next one). A lone write
                // therefore costs what it did before group commit: BEGIN, its statements, COMMIT.
                var first = i == 0;
                await RunOneAsync(connection, commands, transaction, batch[i], withSavepoint: !first);
                if (first && batch[i].Failure is not null)
                {
                    break;
                }

                if (i + 1 == batch.Count && batch.Count < MaxBatchItems && Stopwatch.GetElapsedTime(started) < MaxBatchDuration
                    && TakeNext(stopWhenEmpty: false) is { } next)
                {
                    batch.Add(next);
                }
            }

            if (batch.Exists(pending => pending.Failure is null))
            {
                await transaction.CommitAsync(CancellationToken.None);
                committed = true;
            }
        }
        catch (Exception exception) when (!committed)
        {
            // BEGIN, a savepoint or COMMIT failed: nothing of this batch is committed, so no write of it may say so.
            // The connection may be in any state now: the next batch starts on a new one.
            CloseWriteConnection();
            foreach (var pending in batch)
            {
                pending.Fail(exception);
            }
        }
        catch (Exception exception)
        {
            // Only ending the transaction can fail here: the batch is committed, and its writes are told so.
            CloseWriteConnection();
            LogCleanupAfterCommitFailed(exception);
        }

        if (committed)
        {
            Interlocked.Increment(ref _batchesCommitted);
            _metrics?.WriterBatch("store", batch.Count(pending => pending.Failure is null));
            foreach (var pending in batch.Where(pending => pending.Failure is null)) pending.Written?.CountCommittedFacts();
            if (batch.Exists(pending => pending.Failure is null && pending.AddedOutboxMessages))
            {
                Raise(OutboxChanged, EventArgs.Empty, nameof(OutboxChanged));
            }

            if (batch.Where(pending => pending.Failure is null).Min(pending => pending.EarliestScheduledDue) is { } earliest)
            {
                Raise(TimersChanged, new TimersChangedEventArgs(earliest), nameof(TimersChanged));
            }
        }

        foreach (var pending in batch)
        {
            pending.Finish();
        }
    }

    private async Task RunOneAsync(
        SqliteConnection connection, PreparedCommandConnection commands, SqliteTransaction transaction, PendingWrite pending, bool withSavepoint)
    {
        if (pending.CancellationToken.IsCancellationRequested)
        {
            pending.Fail(new OperationCanceledException(pending.CancellationToken));
            return;
        }

        if (withSavepoint)
        {
            await transaction.SaveAsync(WriteSavepoint, CancellationToken.None);
        }

        var storeTransaction = new StoreTransaction(connection, commands, transaction, SqliteDialect.Instance, _timeProvider.GetUtcNow(), pending.CancellationToken)
        {
            Metrics = _metrics,
        };
        try
        {
            await pending.RunAsync(storeTransaction);
            if (pending.Settles is { } key)
            {
                await storeTransaction.SettleInboundKeyAsync(key);
            }
        }
        catch (Exception exception)
        {
            pending.Fail(exception);
            if (withSavepoint)
            {
                // If these throw, the transaction itself is lost (SQLite rolled it back): the whole batch fails.
                await transaction.RollbackAsync(WriteSavepoint, CancellationToken.None);
                await transaction.ReleaseAsync(WriteSavepoint, CancellationToken.None);
            }

            return;
        }

        if (withSavepoint)
        {
            await transaction.ReleaseAsync(WriteSavepoint, CancellationToken.None);
        }

        pending.Wrote(storeTransaction);
    }
#pragma warning restore CA1031

    [LoggerMessage(Level = LogLevel.Warning, Message = "Ending the write transaction failed after its batch committed; the batch is committed and the connection is replaced")]
    private partial void LogCleanupAfterCommitFailed(Exception exception);

    /// <summary>One caller's write: its work, its token, and the task it awaits.</summary>
    private abstract class PendingWrite
    {
        private const int Queued = 0;
        private const int Started = 1;
        private const int Abandoned = 2;

        private int _state;
        private CancellationTokenRegistration _registration;

        protected PendingWrite(CancellationToken cancellationToken) => CancellationToken = cancellationToken;

        public CancellationToken CancellationToken { get; }

        /// <summary>The claimed inbound key this write settles when it commits (see <see cref="Inbound.InboundKeyScope"/>).</summary>
        public Inbound.InboundKey? Settles { get; init; }

        public Exception? Failure { get; private set; }

        public bool AddedOutboxMessages { get; private set; }

        public DateTimeOffset? EarliestScheduledDue { get; private set; }

        public void WatchCancellation() =>
            _registration = CancellationToken.UnsafeRegister(static state => ((PendingWrite)state!).Abandon(), this);

        /// <summary>Claims a queued write for the writer; false when its caller cancelled it first.</summary>
        public bool TryStart() => Interlocked.CompareExchange(ref _state, Started, Queued) == Queued;

        public abstract Task RunAsync(StoreTransaction transaction);

        /// <summary>The transaction this write ran in, once it succeeded: its facts are counted when the batch commits.</summary>
        public StoreTransaction? Written { get; private set; }

        public void Wrote(StoreTransaction transaction)
        {
            Written = transaction;
            AddedOutboxMessages = transaction.AddedOutboxMessages;
            EarliestScheduledDue = transaction.EarliestScheduledDue;
        }

        /// <summary>Records why this write fails; the first reason wins.</summary>
        public void Fail(Exception exception) => Failure ??= exception;

        /// <summary>Reports the outcome to the caller, once the batch is committed (or has failed).</summary>
        public void Finish()
        {
            _registration.Dispose();
            switch (Failure)
            {
                case null:
                    SetResult();
                    break;
                case OperationCanceledException cancelled:
                    SetCanceled(cancelled.CancellationToken);
                    break;
                default:
                    SetException(Failure);
                    break;
            }
        }

        /// <summary>Fails a write that never started (the store is being disposed).</summary>
        public void Refuse(Exception exception)
        {
            if (Interlocked.CompareExchange(ref _state, Abandoned, Queued) == Queued)
            {
                _registration.Dispose();
                SetException(exception);
            }
        }

        protected abstract void SetResult();

        protected abstract void SetException(Exception exception);

        protected abstract void SetCanceled(CancellationToken cancellationToken);

        private void Abandon()
        {
            if (Interlocked.CompareExchange(ref _state, Abandoned, Queued) == Queued)
            {
                SetCanceled(CancellationToken);
            }
        }
    }

    private sealed class PendingWrite<T>(Func<StoreTransaction, Task<T>> work, CancellationToken cancellationToken)
        : PendingWrite(cancellationToken)
    {
        private readonly TaskCompletionSource<T> _completion = new(TaskCreationOptions.RunContinuationsAsynchronously);
        private T? _result;

        public Task<T> Task => _completion.Task;

        public override async Task RunAsync(StoreTransaction transaction) => _result = await work(transaction);

        protected override void SetResult() => _completion.TrySetResult(_result!);

        protected override void SetException(Exception exception) => _completion.TrySetException(exception);

        protected override void SetCanceled(CancellationToken cancellationToken) => _completion.TrySetCanceled(cancellationToken);
    }
}
