using System.Data;
using System.Data.Common;
using Microsoft.Extensions.Logging;
using Npgsql;
using SecBot.Storage.Database;
using SecBot.Storage.Telemetry;

namespace SecBot.Storage;

/// <summary>
/// <see cref="IStore"/> over a PostgreSQL database that several replicas write at once. Each write is its own READ
/// COMMITTED transaction on a pooled connection; a write that clashes with another replica's (a version check that no
/// longer holds, a deadlock) is rolled back and run again from the start, up to <see cref="MaxAttempts"/> times, so callers
/// never see a conflict the store can resolve. Commits that add outbox messages or change timers are announced to every
/// replica with <c>NOTIFY</c> (see <see cref="ListenAsync"/>), and to this one at once.
/// </summary>
public sealed partial class PostgresStore : IStore, IStoreSignals
{
    /// <summary>How many times one write is tried before its conflict reaches the caller.</summary>
    public const int MaxAttempts = 8;

    /// <summary>The default for <see cref="LookAgainAfter"/>.</summary>
    public static readonly TimeSpan DefaultLookAgainAfter = TimeSpan.FromSeconds(2);

    internal const string OutboxChannel = "secbot_outbox";
    internal const string TimersChannel = "secbot_timers";

    // Set while a write runs on this flow: a nested write would take a second connection and could wait on the first's locks.
    private static readonly AsyncLocal<PostgresStore?> StoreWritingOnThisFlow = new();

    private readonly PostgresDatabase _database;
    private readonly TimeProvider _timeProvider;
    private readonly ILogger<PostgresStore> _logger;
    private readonly StoreMetrics? _metrics;

    /// <param name="metrics">Where committed facts are counted; null counts nothing.</param>
    public PostgresStore(
        PostgresDatabase database, TimeProvider timeProvider, ILogger<PostgresStore> logger, TimeSpan? lookAgainAfter = null, StoreMetrics? metrics = null)
    {
        ArgumentNullException.ThrowIfNull(database);
        ArgumentNullException.ThrowIfNull(timeProvider);
        ArgumentNullException.ThrowIfNull(logger);
        _database = database;
        _timeProvider = timeProvider;
        _logger = logger;
        _metrics = metrics;
        LookAgainAfter = lookAgainAfter ?? DefaultLookAgainAfter;
        ArgumentOutOfRangeException.ThrowIfLessThanOrEqual(LookAgainAfter.Value, TimeSpan.Zero, nameof(lookAgainAfter));
    }

    public event EventHandler<EventArgs>? OutboxChanged;

    public event EventHandler<TimersChangedEventArgs>? TimersChanged;

    /// <summary>A notification from another replica can be lost with a dropped connection: waiters look again at least this often.</summary>
    public TimeSpan? LookAgainAfter { get; }

    public async Task<T> WriteAsync<T>(Func<StoreTransaction, Task<T>> work, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(work);
        if (ReferenceEquals(StoreWritingOnThisFlow.Value, this))
        {
            throw new InvalidOperationException("WriteAsync is not re-entrant: do all of one change inside the StoreTransaction it was given.");
        }

        var settles = Inbound.InboundKeyScope.Current;
        for (var attempt = 1; ; attempt++)
        {
            cancellationToken.ThrowIfCancellationRequested();
            try
            {
                StoreWritingOnThisFlow.Value = this;
                return await WriteOnceAsync(work, settles, cancellationToken);
            }
            catch (Exception exception) when (attempt < MaxAttempts && PostgresDialect.Instance.IsConflict(exception))
            {
                LogConflictRetried(exception.Message, attempt);
            }
            finally
            {
                StoreWritingOnThisFlow.Value = null;
            }
        }
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

    /// <summary>Runs <paramref name="read"/> on its own pooled connection, outside any transaction: each statement sees what is committed.</summary>
    public async Task<T> ReadAsync<T>(Func<DbConnection, Task<T>> read, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(read);
        await using var connection = await _database.OpenConnectionAsync(cancellationToken);
        return await read(connection);
    }

    private async Task<T> WriteOnceAsync<T>(Func<StoreTransaction, Task<T>> work, Inbound.InboundKey? settles, CancellationToken cancellationToken)
    {
        await using var connection = await _database.OpenConnectionAsync(cancellationToken);
        await using var transaction = await connection.BeginTransactionAsync(IsolationLevel.ReadCommitted, cancellationToken);
        var store = new StoreTransaction(connection, connection, transaction, PostgresDialect.Instance, _timeProvider.GetUtcNow(), cancellationToken)
        {
            Metrics = _metrics,
        };
        var result = await work(store);
        if (settles is { } key)
        {
            await store.SettleInboundKeyAsync(key);
        }

        // NOTIFY is transactional: the other replicas hear it only if, and when, this commits. A timer's notice carries its
        // due time (unix milliseconds), so a clock that will look by then anyway need not wake.
        var earliestDue = store.EarliestScheduledDue;
        if (store.AddedOutboxMessages) await NotifyAsync(connection, transaction, OutboxChannel, "", cancellationToken);
        if (earliestDue is { } due) await NotifyAsync(connection, transaction, TimersChannel, TimerNotice.Write(due), cancellationToken);
        await transaction.CommitAsync(CancellationToken.None);

        store.CountCommittedFacts();
        if (store.AddedOutboxMessages) Raise(OutboxChanged, EventArgs.Empty, nameof(OutboxChanged));
        if (earliestDue is { } scheduled) Raise(TimersChanged, new TimersChangedEventArgs(scheduled), nameof(TimersChanged));
        return result;
    }

    private static async Task NotifyAsync(NpgsqlConnection connection, NpgsqlTransaction transaction, string channel, string payload, CancellationToken cancellationToken)
    {
        await using var command = new NpgsqlCommand("SELECT pg_notify(@channel, @payload)", connection, transaction);
        command.Parameters.AddWithValue("channel", channel);
        command.Parameters.AddWithValue("payload", payload);
        await command.ExecuteNonQueryAsync(cancellationToken);
    }

    private void Raise<TArgs>(EventHandler<TArgs>? handlers, TArgs args, string signal) =>
        StoreSignalHandlers.Raise(handlers, this, args, exception => LogSignalHandlerFailed(exception, signal));

    [LoggerMessage(Level = LogLevel.Debug, Message = "A write clashed with another writer ({Problem}); running it again (attempt {Attempt} failed)")]
    private partial void LogConflictRetried(string problem, int attempt);

    [LoggerMessage(Level = LogLevel.Error, Message = "A {Signal} handler failed after commit; the change itself is committed")]
    private partial void LogSignalHandlerFailed(Exception exception, string signal);
}
