using System.Data;
using Dapper;

namespace SecBot.Storage.Timers;

/// <summary>
/// Failed firings of timers. Each failure is counted with its error, and the timer is either tried again later or,
/// once its caller says so, parked: out of the schedule for good (see migration 0008), but kept and listed here.
/// </summary>
public sealed class TimerFailures
{
    private readonly IStore _store;

    public TimerFailures(IStore store)
    {
        ArgumentNullException.ThrowIfNull(store);
        _store = store;
    }

    /// <summary>Records a failure (<see cref="RecordAsync(StoreTransaction, long, string, Func{int, TimeSpan?})"/>) in a write of its own.</summary>
    public Task<TimerFailure?> RecordAsync(long timerId, string error, Func<int, TimeSpan?> retryAfter, CancellationToken cancellationToken) =>
        _store.WriteAsync(transaction => RecordAsync(transaction, timerId, error, retryAfter), cancellationToken);

    /// <summary>
    /// Records that firing <paramref name="timerId"/> failed with <paramref name="error"/>. <paramref name="retryAfter"/>
    /// gets the number of failed attempts including this one and says how long to wait before the next, or null to park
    /// it. Null when the timer is no longer waiting to fire (it fired, was parked or was cancelled meanwhile).
    /// </summary>
    public async Task<TimerFailure?> RecordAsync(StoreTransaction transaction, long timerId, string error, Func<int, TimeSpan?> retryAfter)
    {
        ArgumentNullException.ThrowIfNull(transaction);
        ArgumentNullException.ThrowIfNull(error);
        ArgumentNullException.ThrowIfNull(retryAfter);
        var previous = await transaction.QuerySingleOrDefaultAsync<long?>(
            "SELECT attempts FROM timers WHERE id = @Id AND fired_at IS NULL", new { Id = timerId });
        if (previous is not { } before) return null;

        var attempts = checked((int)before + 1);
        var retryAt = retryAfter(attempts) is { } wait ? transaction.Now + wait : (DateTimeOffset?)null;
        // Still unfired: another replica may have fired the timer since the read (its firing committed first).
        var recorded = await transaction.ExecuteAsync(
            retryAt is null
                ? "UPDATE timers SET attempts = @Attempts, last_error = @Error, failed_at = @Now, fired_at = @Now, claimed_by = NULL, claimed_at = NULL WHERE id = @Id AND fired_at IS NULL"
                : "UPDATE timers SET attempts = @Attempts, last_error = @Error, due_at = @RetryAt, claimed_by = NULL, claimed_at = NULL WHERE id = @Id AND fired_at IS NULL",
            new { Id = timerId, Attempts = attempts, Error = error, RetryAt = retryAt, transaction.Now });
        if (recorded != 1) return null;
        if (retryAt is null) transaction.NoteGaveUp();
        return new TimerFailure(attempts, retryAt);
    }

    public Task<long> CountParkedAsync(IDbConnection connection, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(connection);
        return connection.ExecuteScalarAsync<long>(new CommandDefinition(
            "SELECT count(*) FROM timers WHERE failed_at IS NOT NULL", cancellationToken: cancellationToken));
    }

    /// <summary>Up to <paramref name="limit"/> parked timers, the most recently parked first.</summary>
    public async Task<IReadOnlyList<ParkedTimer>> ListParkedAsync(IDbConnection connection, int limit, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(connection);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(limit);
        var rows = await connection.QueryAsync<ParkedRow>(new CommandDefinition(
            """
            SELECT id, kind, subject, due_at, attempts, last_error, failed_at FROM timers
            WHERE failed_at IS NOT NULL ORDER BY failed_at DESC, id DESC LIMIT @Limit
            """,
            new { Limit = limit },
            cancellationToken: cancellationToken));
        return [.. rows.Select(r => r.ToParkedTimer())];
    }

    /// <summary>
    /// Puts parked timer <paramref name="timerId"/> back in the schedule, due now, with its failed attempts starting
    /// again (its last error is kept). Returns the timer as it was parked; null, changing nothing, when it is not parked
    /// (unknown, waiting, fired, or re-queued by someone else meanwhile).
    /// </summary>
    public async Task<ParkedTimer?> RequeueAsync(StoreTransaction transaction, long timerId)
    {
        ArgumentNullException.ThrowIfNull(transaction);
        var row = await transaction.QuerySingleOrDefaultAsync<ParkedRow>(
            "SELECT id, kind, subject, due_at, attempts, last_error, failed_at FROM timers WHERE id = @Id AND failed_at IS NOT NULL", new { Id = timerId });
        if (row is null) return null;
        // Still parked: on PostgreSQL another replica's re-queue may have committed since the read.
        var requeued = await transaction.ExecuteAsync(
            """
            UPDATE timers SET failed_at = NULL, fired_at = NULL, attempts = 0, due_at = @Now, claimed_by = NULL, claimed_at = NULL
            WHERE id = @Id AND failed_at IS NOT NULL
            """,
            new { Id = timerId, transaction.Now });
        if (requeued != 1) return null;
        transaction.NoteTimerDue(transaction.Now);
        return row.ToParkedTimer();
    }

    private sealed class ParkedRow
    {
        public long Id { get; init; }
        public string Kind { get; init; } = "";
        public string Subject { get; init; } = "";
        public DateTimeOffset DueAt { get; init; }
        public long Attempts { get; init; }
        public string? LastError { get; init; }
        public DateTimeOffset FailedAt { get; init; }

        public ParkedTimer ToParkedTimer() => new(Id, Kind, Subject, DueAt, checked((int)Attempts), LastError, FailedAt);
    }
}
