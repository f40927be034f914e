namespace SecBot.Host.Background;

/// <summary>
/// Runs a piece of background work at start and then every interval until the host stops; a failed round is reported
/// and the next one still runs. Shared by the retention sweep and the ledger checkpointer.
/// </summary>
public static class PeriodicLoop
{
    /// <summary>
    /// The longest interval a setting may ask for: a timer wait cannot exceed about 49.7 days, and a month already
    /// means the work hardly runs.
    /// </summary>
    public static readonly TimeSpan LongestInterval = TimeSpan.FromDays(30);

    public static readonly TimeSpan ShortestInterval = TimeSpan.FromMinutes(1);

    /// <summary>The start-up problem with <paramref name="interval"/> at <paramref name="keyPath"/>, or null when it is usable.</summary>
    public static string? ProblemWith(string keyPath, TimeSpan interval) =>
        interval < ShortestInterval ? $"{keyPath} must be at least 00:01:00."
        : interval > LongestInterval ? $"{keyPath} must be at most 30.00:00:00 (30d)."
        : null;

    public static async Task RunAsync(TimeSpan every, TimeProvider time, Func<CancellationToken, Task> round, Action<Exception> failed, CancellationToken stoppingToken)
    {
        ArgumentNullException.ThrowIfNull(time);
        ArgumentNullException.ThrowIfNull(round);
        ArgumentNullException.ThrowIfNull(failed);
        try
        {
            while (!stoppingToken.IsCancellationRequested)
            {
                try
                {
                    await round(stoppingToken);
                }
#pragma warning disable CA1031 // reported: the next round runs anyway
                catch (Exception e) when (e is not OperationCanceledException)
#pragma warning restore CA1031
                {
                    failed(e);
                }

                await Task.Delay(every, time, stoppingToken);
            }
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
            // Stopping.
        }
    }
}
