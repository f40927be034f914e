namespace SecBot.Storage.Timers;

/// <summary>
/// Due timers read inside the write transaction that fires them: the firing, its effects and the fired
/// mark commit together, so a crash or a racing request can never fire a timer twice or lose it.
/// </summary>
public static class DueTimers
{
    public static async Task<DueTimer?> TakeNextAsync(StoreTransaction transaction)
    {
        ArgumentNullException.ThrowIfNull(transaction);
        var row = await transaction.QuerySingleOrDefaultAsync<TimerRow>(
            $"SELECT {TimerRow.Columns} FROM timers WHERE fired_at IS NULL AND due_at <= @Now ORDER BY due_at, id LIMIT 1",
            new { transaction.Now });
        return row?.ToDueTimer();
    }

    /// <summary>Moves a timer whose handler failed to a later time, so one bad timer neither spins the clock nor is lost.</summary>
    public static Task PostponeAsync(StoreTransaction transaction, long timerId, DateTimeOffset dueAt)
    {
        ArgumentNullException.ThrowIfNull(transaction);
        return transaction.ExecuteAsync("UPDATE timers SET due_at = @DueAt WHERE id = @Id AND fired_at IS NULL", new { Id = timerId, DueAt = dueAt });
    }
}
