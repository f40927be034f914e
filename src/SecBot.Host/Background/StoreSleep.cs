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
}
