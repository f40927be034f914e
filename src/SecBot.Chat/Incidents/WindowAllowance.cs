using System.Threading.RateLimiting;

namespace SecBot.Chat.Incidents;

/// <summary>
/// At most a number of permits within any window: a <see cref="ConcurrencyLimiter"/> whose permits are each held for the
/// window and given back by a <see cref="TimeProvider"/> timer. Not the replenishing limiters: with auto-replenishment
/// off they still measure elapsed time on the real Stopwatch inside <c>TryReplenish</c>, so a fake clock could never
/// refill them.
/// </summary>
public sealed class WindowAllowance(int perWindow) : IDisposable
{
    private readonly ConcurrencyLimiter _limiter = new(new ConcurrencyLimiterOptions { PermitLimit = perWindow, QueueLimit = 0 });
    private readonly List<Held> _held = [];

    /// <summary>Null when <paramref name="permits"/> (1 to the limit) were taken; else when the earliest held one comes back.</summary>
    public DateTimeOffset? TryHold(TimeProvider time, TimeSpan window, int permits = 1)
    {
        ArgumentNullException.ThrowIfNull(time);
        lock (_held)
        {
            var lease = _limiter.AttemptAcquire(permits);
            if (!lease.IsAcquired)
            {
                lease.Dispose();
                return _held.Count > 0 ? _held.Min(h => h.Until) : time.GetUtcNow();
            }

            var held = new Held(lease, time.GetUtcNow() + window);
            _held.Add(held);
            held.Timer = time.CreateTimer(_ => Release(held), null, window, Timeout.InfiniteTimeSpan);
            return null;
        }
    }

    /// <summary>Gives back the permits taken last, before their window ends (what they were taken for did not happen).</summary>
    public void ReleaseNewest()
    {
        Held? newest;
        lock (_held)
        {
            newest = _held.Count > 0 ? _held.MaxBy(h => h.Until) : null;
        }

        if (newest is not null) Release(newest);
    }

    private void Release(Held held)
    {
        lock (_held)
        {
            if (!_held.Remove(held)) return;
        }

        held.Lease.Dispose();
        held.Timer?.Dispose();
    }

    public void Dispose()
    {
        lock (_held)
        {
            foreach (var held in _held)
            {
                held.Timer?.Dispose();
                held.Lease.Dispose();
            }

            _held.Clear();
        }

        _limiter.Dispose();
    }

    /// <summary>A held lease, its release time, and the timer that releases it (kept here so it is not collected).</summary>
    private sealed class Held(RateLimitLease lease, DateTimeOffset until)
    {
        public RateLimitLease Lease { get; } = lease;

        public DateTimeOffset Until { get; } = until;

        public ITimer? Timer { get; set; }
    }
}
