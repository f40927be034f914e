using Dapper;
using SecBot.Storage.Database;

namespace SecBot.Storage.Timers;

/// <summary>
/// Escalation and reminder timers, kept in the database so a restart finds them again. The clock
/// claims due rows, runs the engine and marks each fired (ideally with
/// <see cref="StoreTransaction.MarkTimerFiredAsync"/> in the transaction that commits its effect).
/// </summary>
public sealed class TimerRepository
{
    /// <summary>How long a claimed timer stays with its claimant; after that it is due again (its claimant died).</summary>
    public static readonly TimeSpan DefaultClaimLease = TimeSpan.FromMinutes(2);

    private readonly IStore _store;

    public TimerRepository(IStore store, TimeSpan? claimLease = null)
    {
        ArgumentNullException.ThrowIfNull(store);
        _store = store;
        ClaimLease = claimLease ?? DefaultClaimLease;
        ArgumentOutOfRangeException.ThrowIfLessThanOrEqual(ClaimLease, TimeSpan.Zero, nameof(claimLease));
    }

    public TimeSpan ClaimLease { get; }

    /// <summary>Schedules on its own; inside a larger change use <see cref="StoreTransaction.ScheduleTimerAsync"/>.</summary>
    internal Task<long> ScheduleAsync(string kind, string subject, DateTimeOffset dueAt, string? payload, CancellationToken cancellationToken) =>
        _store.WriteAsync(transaction => transaction.ScheduleTimerAsync(kind, subject, dueAt, payload), cancellationToken);

    /// <summary>
    /// Atomically claims up to <paramref name="limit"/> unfired timers due at <paramref name="now"/>,
    /// earliest first. A row is handed to one claimant only, until its lease runs out.
    /// </summary>
    public Task<IReadOnlyList<DueTimer>> ClaimDueAsync(DateTimeOffset now, int limit, string claimant, CancellationToken cancellationToken)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(limit);
        ArgumentException.ThrowIfNullOrWhiteSpace(claimant);
        return _store.WriteAsync<IReadOnlyList<DueTimer>>(
            async transaction =>
            {
                var rows = await transaction.QueryAsync<TimerRow>(
                    $"""
                    UPDATE timers SET claimed_by = @Claimant, claimed_at = @Now
                    WHERE id IN (
                        SELECT id FROM timers
                        WHERE fired_at IS NULL
                          AND due_at <= @Now
                          AND (claimed_at IS NULL OR claimed_at <= @LeaseExpiredAt)
                        ORDER BY due_at, id
                        LIMIT @Limit{transaction.Dialect.LockSkippingLocked})
                    RETURNING {TimerRow.Columns}
                    """,
                    new { Claimant = claimant, Now = now, LeaseExpiredAt = now - ClaimLease, Limit = limit });
                return [.. rows.OrderBy(row => row.DueAt).ThenBy(row => row.Id).Select(row => row.ToDueTimer())];
            },
            cancellationToken);
    }

    /// <summary>False when the timer had already fired or was cancelled.</summary>
    internal Task<bool> MarkFiredAsync(long timerId, CancellationToken cancellationToken) =>
        _store.WriteAsync(transaction => transaction.MarkTimerFiredAsync(timerId), cancellationToken);

    public Task<int> CancelAsync(string subject, string? kind, CancellationToken cancellationToken) =>
        _store.WriteAsync(transaction => transaction.CancelTimersAsync(subject, kind), cancellationToken);

    /// <summary>When <see cref="ClaimDueAsync"/> will next find something: the earliest unclaimed due time or expiring lease; null when no timer is set.</summary>
    public Task<DateTimeOffset?> NextDueAtAsync(CancellationToken cancellationToken) =>
        _store.ReadAsync(
            connection => connection.ExecuteScalarAsync<DateTimeOffset?>(new CommandDefinition(
                $"""
                SELECT {StoreDialect.For(connection).Least("coalesce(unclaimed, lease_ends)", "coalesce(lease_ends, unclaimed)")} FROM (
                    SELECT (SELECT due_at FROM timers WHERE fired_at IS NULL AND claimed_at IS NULL ORDER BY due_at LIMIT 1) AS unclaimed,
                           (SELECT min({StoreDialect.For(connection).Greatest("due_at", "claimed_at + @LeaseMilliseconds")}) FROM timers
                            WHERE fired_at IS NULL AND claimed_at IS NOT NULL) AS lease_ends) AS next
                """,
                new { LeaseMilliseconds = (long)ClaimLease.TotalMilliseconds },
                cancellationToken: cancellationToken)),
            cancellationToken);

    /// <summary>
    /// How many timers are still waiting to fire although they were due before <paramref name="dueBefore"/> (parked ones
    /// wait no more): a clock that keeps up has none, so a count that stays above zero means the clock has stopped.
    /// </summary>
    public Task<long> CountOverdueAsync(System.Data.IDbConnection connection, DateTimeOffset dueBefore, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(connection);
        return connection.ExecuteScalarAsync<long>(new CommandDefinition(
            "SELECT count(*) FROM timers WHERE fired_at IS NULL AND due_at < @DueBefore", new { DueBefore = dueBefore }, cancellationToken: cancellationToken));
    }

    /// <summary>Every timer, fired, parked and cancelled-by-firing ones included, in the order they were set.</summary>
    public Task<IReadOnlyList<StoredTimer>> ListAllAsync(CancellationToken cancellationToken) =>
        _store.ReadAsync(connection => ListAllAsync(connection, cancellationToken), cancellationToken);

    /// <inheritdoc cref="ListAllAsync(CancellationToken)"/>
    public async Task<IReadOnlyList<StoredTimer>> ListAllAsync(System.Data.IDbConnection connection, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(connection);
        var rows = await connection.QueryAsync<StoredTimerRow>(new CommandDefinition(
            "SELECT id, kind, subject, due_at, payload, fired_at, attempts, last_error, failed_at FROM timers ORDER BY id",
            cancellationToken: cancellationToken));
        return [.. rows.Select(row => row.ToStoredTimer())];
    }
}
