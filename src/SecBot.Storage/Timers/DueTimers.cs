namespace SecBot.Storage.Timers;

/// <summary>
/// Due timers read inside the write transaction that fires them: the firing, its effects and the fired
/// mark commit together, so a crash or a racing request can never fire a timer twice or lose it. A firing that
/// fails is rolled back and recorded by <see cref="TimerFailures"/>. With several replicas (PostgreSQL) the row stays
/// locked by the firing transaction, and the others skip it: the lock is the lease, and it ends with the transaction,
/// also when the replica holding it dies.
/// </summary>
public sealed class DueTimers
{
    private readonly IStore _store;

    public DueTimers(IStore store)
    {
        ArgumentNullException.ThrowIfNull(store);
        _store = store;
    }

    /// <summary>
    /// Takes the next due timer, hands it to <paramref name="fire"/> and marks it fired, in one write transaction; false,
    /// having written nothing, when none is due. If <paramref name="fire"/> throws, nothing of the firing is kept.
    /// </summary>
    public Task<bool> FireNextAsync(Func<StoreTransaction, DueTimer, Task> fire, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(fire);
        return _store.WriteAsync(
            async transaction =>
            {
                if (await TakeNextAsync(transaction) is not { } timer) return false;
                await fire(transaction, timer);
                await transaction.MarkTimerFiredAsync(timer.Id);
                return true;
            },
            cancellationToken);
    }

    public async Task<DueTimer?> TakeNextAsync(StoreTransaction transaction)
    {
        ArgumentNullException.ThrowIfNull(transaction);
        var row = await transaction.QuerySingleOrDefaultAsync<TimerRow>(
            $"SELECT {TimerRow.Columns} FROM timers WHERE fired_at IS NULL AND due_at <= @Now ORDER BY due_at, id LIMIT 1" + transaction.Dialect.LockSkippingLocked,
            new { transaction.Now });
        return row?.ToDueTimer();
    }
}
