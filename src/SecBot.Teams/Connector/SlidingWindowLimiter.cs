namespace SecBot.Teams.Connector;

/// <summary>
/// At most <c>permits</c> calls per key in any <c>window</c>; a caller over the limit waits its turn (first come, first
/// served) instead of failing. Each call reserves the earliest slot that keeps every window within the limit, so
/// waiting needs no lock. Hand-written rather than System.Threading.RateLimiting because those limiters replenish on
/// their own Stopwatch timers and cannot take a <see cref="TimeProvider"/>, which tests need to fake.
/// </summary>
internal sealed class SlidingWindowLimiter
{
    // Keys (conversations) whose window has passed are dropped once there are more than this many.
    private const int SweepAbove = 256;

    private readonly int _permits;
    private readonly TimeSpan _window;
    private readonly TimeProvider _timeProvider;
    private readonly Lock _gate = new();
    private readonly Dictionary<string, List<DateTimeOffset>> _slots = new(StringComparer.Ordinal);

    public SlidingWindowLimiter(int permits, TimeSpan window, TimeProvider timeProvider)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(permits, 1);
        ArgumentOutOfRangeException.ThrowIfLessThanOrEqual(window, TimeSpan.Zero);
        ArgumentNullException.ThrowIfNull(timeProvider);
        _permits = permits;
        _window = window;
        _timeProvider = timeProvider;
    }

    /// <summary>Completes when the call may go. A cancelled wait keeps its slot: the limit errs on the slow side.</summary>
    public Task WaitAsync(string key, CancellationToken cancellationToken)
    {
        var delay = Reserve(key);
        return delay > TimeSpan.Zero ? Task.Delay(delay, _timeProvider, cancellationToken) : Task.CompletedTask;
    }

    /// <summary>Reserves the next slot for <paramref name="key"/> and says how long until it comes.</summary>
    internal TimeSpan Reserve(string key)
    {
        ArgumentNullException.ThrowIfNull(key);
        lock (_gate)
        {
            var now = _timeProvider.GetUtcNow();
            if (_slots.Count > SweepAbove) Sweep(now);
            if (!_slots.TryGetValue(key, out var slots)) _slots[key] = slots = [];
            var expired = slots.FindIndex(at => at > now - _window);
            slots.RemoveRange(0, expired < 0 ? slots.Count : expired);

            // Slots are in time order, so the limit holds when the new one is at least a window after the one
            // `permits` places back, and never before the last (first come, first served).
            var at = now;
            if (slots.Count > 0 && slots[^1] > at) at = slots[^1];
            if (slots.Count >= _permits && slots[^_permits] + _window > at) at = slots[^_permits] + _window;
            slots.Add(at);
            return at - now;
        }
    }

    private void Sweep(DateTimeOffset now)
    {
        foreach (var (key, slots) in _slots)
        {
            if (slots.Count == 0 || slots[^1] <= now - _window) _slots.Remove(key);
        }
    }
}
