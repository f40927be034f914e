using System.Threading.Channels;
using SecBot.Storage;

namespace SecBot.Host.Background;

internal static class StoreSleep
{
    /// <summary>
    /// How long a worker woken by <paramref name="signals"/> may sleep instead of <paramref name="delay"/> (infinite for
    /// "until signalled"): no longer than the store's <see cref="IStoreSignals.LookAgainAfter"/>, where other processes write too.
    /// </summary>
    public static TimeSpan Bounded(this IStoreSignals signals, TimeSpan delay) =>
        signals.LookAgainAfter is { } most && (delay == Timeout.InfiniteTimeSpan || delay > most) ? most : delay;

    /// <summary>Sleeps for <paramref name="delay"/> on <paramref name="time"/>, or until something is written to <paramref name="wake"/>.</summary>
    /// <exception cref="OperationCanceledException"><paramref name="stoppingToken"/> was cancelled.</exception>
    public static async Task UntilWokenAsync(Channel<bool> wake, TimeSpan delay, TimeProvider time, CancellationToken stoppingToken)
    {
        using var wakeOrStop = CancellationTokenSource.CreateLinkedTokenSource(stoppingToken);
        await Task.WhenAny(Task.Delay(delay, time, wakeOrStop.Token), wake.Reader.ReadAsync(wakeOrStop.Token).AsTask());
        await wakeOrStop.CancelAsync();
        stoppingToken.ThrowIfCancellationRequested();
    }
}
