using System.Collections.Concurrent;
using System.Threading.RateLimiting;
using SecBot.Chat.Inbound;
using SecBot.Domain;
using SecBot.Domain.Roster;

namespace SecBot.Chat.Incidents;

/// <summary>
/// Declares per roster person (<see cref="DeclareLimitOptions"/>): at most <see cref="DeclareLimitOptions.PerPerson"/>
/// within any <see cref="DeclareLimitOptions.Window"/>. Each person has a <see cref="ConcurrencyLimiter"/> of that many
/// permits; a declare holds one for the window, released by a <see cref="TimeProvider"/> timer. Not the replenishing
/// limiters: with auto-replenishment off they still measure elapsed time on the real Stopwatch inside
/// <c>TryReplenish</c>, so a fake clock could never refill them. Held in memory: with several replicas each allows the
/// limit on its own (README, "Storm control and declare limits").
/// </summary>
public sealed class DeclareLimit : IDisposable
{
    /// <summary>The cause refused declares are counted and logged under (<see cref="RefusedRequests"/>).</summary>
    public const string RefusalCause = "declare-rate";

    private readonly DeclareLimitOptions _options;
    private readonly TimeProvider _time;
    private readonly RefusedRequests _refused;
    private readonly ConcurrentDictionary<string, Allowance> _allowances = new(StringComparer.OrdinalIgnoreCase);

    public DeclareLimit(DeclareLimitOptions options, TimeProvider time, RefusedRequests refused)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(time);
        ArgumentNullException.ThrowIfNull(refused);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(options.PerPerson);
        ArgumentOutOfRangeException.ThrowIfLessThanOrEqual(options.Window, TimeSpan.Zero);
        _options = options;
        _time = time;
        _refused = refused;
    }

    /// <summary>Takes one declare from <paramref name="caller"/>'s allowance; null when they may go ahead, else the reply saying when they may.</summary>
    public string? TryTake(Person caller)
    {
        ArgumentNullException.ThrowIfNull(caller);
        var allowance = _allowances.GetOrAdd(caller.Id, _ => new Allowance(_options.PerPerson));
        if (allowance.TryHold(_time, _options.Window) is not { } nextFreeAt) return null;

        var seconds = Math.Max(1, (long)Math.Ceiling((nextFreeAt - _time.GetUtcNow()).TotalSeconds));
        _refused.Report(RefusalCause, $"{caller.Id} declared more than {_options.PerPerson} incidents within {ReadableTime.Span(_options.Window)}");
        return $"Not declared: at most {ReadableTime.Count(_options.PerPerson, "declare")} per person per {ReadableTime.Span(_options.Window)} "
            + $"({DeclareLimitOptions.SectionName}), and you have used them. You may declare again in "
            + $"{ReadableTime.Count(seconds, "second")}. Nothing was changed; to add to an open incident, use its channel or `status` to find it.";
    }

    /// <summary>
    /// Gives back the declare <paramref name="caller"/> took last: it was refused (a typo, the engine said no) and committed
    /// nothing, so it does not use up their allowance.
    /// </summary>
    public void GiveBack(Person caller)
    {
        ArgumentNullException.ThrowIfNull(caller);
        if (_allowances.TryGetValue(caller.Id, out var allowance)) allowance.ReleaseNewest();
    }

    public void Dispose()
    {
        foreach (var allowance in _allowances.Values) allowance.Dispose();
    }

    /// <summary>One person's declares within the window: each holds a permit until its timer gives it back.</summary>
    private sealed class Allowance(int perWindow) : IDisposable
    {
        private readonly ConcurrencyLimiter _limiter = new(new ConcurrencyLimiterOptions { PermitLimit = perWindow, QueueLimit = 0 });
        private readonly List<Held> _held = [];

        /// <summary>Null when a permit was taken; else when the earliest held one comes back.</summary>
        public DateTimeOffset? TryHold(TimeProvider time, TimeSpan window)
        {
            lock (_held)
            {
                var lease = _limiter.AttemptAcquire();
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
    }

    /// <summary>A held permit, its release time, and the timer that releases it (kept here so it is not collected).</summary>
    private sealed class Held(RateLimitLease lease, DateTimeOffset until)
    {
        public RateLimitLease Lease { get; } = lease;

        public DateTimeOffset Until { get; } = until;

        public ITimer? Timer { get; set; }
    }
}
