using Microsoft.Data.Sqlite;
using Microsoft.Extensions.Logging;
using SecBot.Storage.Database;

namespace SecBot.Storage;

/// <summary>
/// <see cref="IStore"/> over one SQLite file. Register one instance per process (as both
/// <see cref="IStore"/> and <see cref="IStoreSignals"/>): its write gate is what serializes writers here,
/// and <c>BEGIN IMMEDIATE</c> with the busy timeout serializes them against any other process.
/// </summary>
public sealed partial class SqliteStore : IStore, IStoreSignals, IDisposable
{
    private static readonly AsyncLocal<SqliteStore?> StoreWritingOnThisFlow = new();

    private readonly SqliteDatabase _database;
    private readonly TimeProvider _timeProvider;
    private readonly ILogger<SqliteStore> _logger;
    private readonly SemaphoreSlim _writeGate = new(1, 1);

    public SqliteStore(SqliteDatabase database, TimeProvider timeProvider, ILogger<SqliteStore> logger)
    {
        ArgumentNullException.ThrowIfNull(database);
        ArgumentNullException.ThrowIfNull(timeProvider);
        ArgumentNullException.ThrowIfNull(logger);
        _database = database;
        _timeProvider = timeProvider;
        _logger = logger;
    }

    public event EventHandler? OutboxChanged;

    public event EventHandler? TimersChanged;

    public async Task<T> WriteAsync<T>(Func<StoreTransaction, Task<T>> work, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(work);
        if (ReferenceEquals(StoreWritingOnThisFlow.Value, this))
        {
            // The inner call would wait for the gate the outer one holds, forever.
            throw new InvalidOperationException("WriteAsync is not re-entrant: do all of one change inside the StoreTransaction it was given.");
        }

        await _writeGate.WaitAsync(cancellationToken);
        StoreTransaction committed;
        T result;
        try
        {
            StoreWritingOnThisFlow.Value = this;
            await using var connection = await _database.OpenConnectionAsync(cancellationToken);
            await using var transaction = connection.BeginTransaction(deferred: false);
            var storeTransaction = new StoreTransaction(connection, transaction, _timeProvider.GetUtcNow(), cancellationToken);
            result = await work(storeTransaction);
            await transaction.CommitAsync(CancellationToken.None);
            committed = storeTransaction;
        }
        finally
        {
            StoreWritingOnThisFlow.Value = null;
            _writeGate.Release();
        }

        if (committed.AddedOutboxMessages)
        {
            Raise(OutboxChanged, nameof(OutboxChanged));
        }

        if (committed.ChangedTimers)
        {
            Raise(TimersChanged, nameof(TimersChanged));
        }

        return result;
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

    public async Task<T> ReadAsync<T>(Func<SqliteConnection, Task<T>> read, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(read);
        await using var connection = await _database.OpenConnectionAsync(cancellationToken);
        return await read(connection);
    }

    public void Dispose() => _writeGate.Dispose();

    // The change is committed: a failing subscriber must not make the caller believe otherwise.
#pragma warning disable CA1031
    private void Raise(EventHandler? handlers, string signal)
    {
        if (handlers is null)
        {
            return;
        }

        foreach (var handler in handlers.GetInvocationList().Cast<EventHandler>())
        {
            try
            {
                handler(this, EventArgs.Empty);
            }
            catch (Exception exception)
            {
                LogSignalHandlerFailed(exception, signal);
            }
        }
    }
#pragma warning restore CA1031

    [LoggerMessage(Level = LogLevel.Error, Message = "A {Signal} handler failed after commit; the change itself is committed")]
    private partial void LogSignalHandlerFailed(Exception exception, string signal);
}
