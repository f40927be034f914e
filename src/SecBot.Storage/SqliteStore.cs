using System.Data.Common;
using Microsoft.Extensions.Logging;
using SecBot.Storage.Database;
using SecBot.Storage.Telemetry;

namespace SecBot.Storage;

/// <summary>
/// <see cref="IStore"/> over one SQLite file. Register one instance per process (as both
/// <see cref="IStore"/> and <see cref="IStoreSignals"/>): its single writer is what serializes writers here,
/// and <c>BEGIN IMMEDIATE</c> with the busy timeout serializes them against any other process.
/// </summary>
/// <remarks>
/// Writes are group-committed: concurrent <see cref="WriteAsync{T}"/> calls queue, and one writer runs what is
/// queued (up to <see cref="MaxBatchItems"/> items, or <see cref="MaxBatchDuration"/> of work) in one
/// <c>BEGIN IMMEDIATE</c> transaction, each item after the first inside its own savepoint, then commits once.
/// A lone write never waits for company, and the caller that finds the writer idle runs that first batch itself
/// (no thread hop); later batches run on a writer task. An item that throws is rolled back (to its savepoint)
/// and fails alone; a failed commit fails every item of the batch; signals are raised once per committed
/// batch, before its callers are released. Every caller's change is committed before its call returns.
/// </remarks>
public sealed partial class SqliteStore : IStore, IStoreSignals, IDisposable, IAsyncDisposable
{
    /// <summary>The most writes one transaction takes.</summary>
    public const int MaxBatchItems = 64;

    // Set on the writer's flow while it runs a batch, so it is seen by the work it calls (and anything that work starts).
    private static readonly AsyncLocal<SqliteStore?> StoreWritingOnThisFlow = new();

    private readonly SqliteDatabase _database;
    private readonly TimeProvider _timeProvider;
    private readonly ILogger<SqliteStore> _logger;
    private readonly StoreMetrics? _metrics;

    /// <param name="metrics">Where committed facts and the writer's batch sizes are counted; null counts nothing.</param>
    public SqliteStore(SqliteDatabase database, TimeProvider timeProvider, ILogger<SqliteStore> logger, StoreMetrics? metrics = null)
    {
        ArgumentNullException.ThrowIfNull(database);
        ArgumentNullException.ThrowIfNull(timeProvider);
        ArgumentNullException.ThrowIfNull(logger);
        _database = database;
        _timeProvider = timeProvider;
        _logger = logger;
        _metrics = metrics;
    }

    public event EventHandler<EventArgs>? OutboxChanged;

    public event EventHandler<TimersChangedEventArgs>? TimersChanged;

    /// <summary>Null: every write to the file goes through this store, so every change is signalled.</summary>
    public TimeSpan? LookAgainAfter => null;

    public Task<T> WriteAsync<T>(Func<StoreTransaction, Task<T>> work, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(work);
        if (ReferenceEquals(StoreWritingOnThisFlow.Value, this))
        {
            // The inner call would wait for the writer that is running the outer one, forever.
            return Task.FromException<T>(new InvalidOperationException("WriteAsync is not re-entrant: do all of one change inside the StoreTransaction it was given."));
        }

        if (cancellationToken.IsCancellationRequested)
        {
            return Task.FromCanceled<T>(cancellationToken);
        }

        var pending = new PendingWrite<T>(work, cancellationToken) { Settles = Inbound.InboundKeyScope.Current };
        return Enqueue(pending) ? LeadThenAwaitAsync(pending) : pending.Task;
    }

    public Task WriteAsync(Func<StoreTransaction, Task> work, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(work);
        return WriteAsync<bool>(
            async transaction =>
            {
                await work(transaction);
                return true;
            },
            cancellationToken);
    }

    private async Task<T> LeadThenAwaitAsync<T>(PendingWrite<T> pending)
    {
        await LeadAsync();
        return await pending.Task;
    }

    /// <summary>Runs <paramref name="read"/> on a pooled read connection to the file (a WAL reader: a snapshot of what is committed, never blocked by the writer).</summary>
    public async Task<T> ReadAsync<T>(Func<DbConnection, Task<T>> read, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(read);
        await using var connection = await _database.OpenConnectionAsync(cancellationToken);
        return await read(connection);
    }

    private void Raise<TArgs>(EventHandler<TArgs>? handlers, TArgs args, string signal) =>
        StoreSignalHandlers.Raise(handlers, this, args, exception => LogSignalHandlerFailed(exception, signal));

    [LoggerMessage(Level = LogLevel.Error, Message = "A {Signal} handler failed after commit; the change itself is committed")]
    private partial void LogSignalHandlerFailed(Exception exception, string signal);
}
