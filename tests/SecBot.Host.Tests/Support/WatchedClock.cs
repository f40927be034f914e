using System.Globalization;
using Microsoft.Extensions.Time.Testing;

namespace SecBot.Host.Tests.Support;

/// <summary>
/// A fake clock for the host that also shows what its background services are asleep until: every live timer is
/// known with the fake instant it is due at. A test waits until the clock sleeps towards an instant, then moves the
/// fake time to it, so it neither races the sleeper nor waits on the real clock; the wait itself has only a hang guard.
/// </summary>
internal sealed class WatchedClock(DateTimeOffset start) : TimeProvider
{
    private static readonly TimeSpan HangGuard = TimeSpan.FromSeconds(60);

    private readonly Lock _gate = new();
    private readonly HashSet<WatchedTimer> _live = [];
    private readonly List<(DateTimeOffset Instant, TaskCompletionSource Asleep)> _waiters = [];
    private TimeSpan _longestTimer;

    public FakeTimeProvider Fake { get; } = new(start);

    /// <summary>The longest timer anyone has asked for.</summary>
    public TimeSpan LongestTimer
    {
        get { lock (_gate) return _longestTimer; }
    }

    public override DateTimeOffset GetUtcNow() => Fake.GetUtcNow();

    public override long GetTimestamp() => Fake.GetTimestamp();

    public override long TimestampFrequency => Fake.TimestampFrequency;

    public override TimeZoneInfo LocalTimeZone => Fake.LocalTimeZone;

    /// <summary>Waits until some timer is due exactly at <paramref name="instant"/>, then sets the fake time to it.</summary>
    public async Task AdvanceWhenAsleepUntilAsync(DateTimeOffset instant, string what, CancellationToken cancellationToken = default)
    {
        await WaitUntilAsleepUntilAsync(instant, what, cancellationToken);
        Fake.SetUtcNow(instant);
    }

    /// <summary>Waits until some live timer is due exactly at <paramref name="instant"/>: whoever set it is asleep until then.</summary>
    public async Task WaitUntilAsleepUntilAsync(DateTimeOffset instant, string what, CancellationToken cancellationToken = default)
    {
        (DateTimeOffset Instant, TaskCompletionSource Asleep) waiter;
        lock (_gate)
        {
            if (_live.Any(timer => timer.DueAt == instant)) return;
            waiter = (instant, new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously));
            _waiters.Add(waiter);
        }

        try
        {
            await waiter.Asleep.Task.WaitAsync(HangGuard, cancellationToken);
        }
        catch (TimeoutException)
        {
            throw new TimeoutException($"gave up waiting for {what}: nothing went to sleep until {instant:o}; asleep until {string.Join(", ", LiveDueTimes())}");
        }
        finally
        {
            lock (_gate) _waiters.Remove(waiter);
        }
    }

    /// <summary>True while some live timer is due exactly at <paramref name="instant"/>.</summary>
    public bool IsAsleepUntil(DateTimeOffset instant)
    {
        lock (_gate) return _live.Any(timer => timer.DueAt == instant);
    }

    public override ITimer CreateTimer(TimerCallback callback, object? state, TimeSpan dueTime, TimeSpan period)
    {
        var timer = new WatchedTimer(this, Fake.CreateTimer(callback, state, dueTime, period));
        Track(timer, dueTime);
        return timer;
    }

    private void Track(WatchedTimer timer, TimeSpan dueTime)
    {
        lock (_gate)
        {
            _live.Remove(timer);
            if (dueTime == Timeout.InfiniteTimeSpan) return;
            timer.DueAt = Fake.GetUtcNow() + dueTime;
            _live.Add(timer);
            if (dueTime > _longestTimer) _longestTimer = dueTime;
            foreach (var waiter in _waiters.Where(w => w.Instant == timer.DueAt).ToList())
            {
                waiter.Asleep.TrySetResult();
                _waiters.Remove(waiter);
            }
        }
    }

    private void Forget(WatchedTimer timer)
    {
        lock (_gate) _live.Remove(timer);
    }

    private string[] LiveDueTimes()
    {
        lock (_gate) return [.. _live.Select(timer => timer.DueAt.ToString("o", CultureInfo.InvariantCulture))];
    }

    private sealed class WatchedTimer(WatchedClock clock, ITimer inner) : ITimer
    {
        public DateTimeOffset DueAt { get; set; }

        public bool Change(TimeSpan dueTime, TimeSpan period)
        {
            var changed = inner.Change(dueTime, period);
            clock.Track(this, dueTime);
            return changed;
        }

        public void Dispose()
        {
            clock.Forget(this);
            inner.Dispose();
        }

        public async ValueTask DisposeAsync()
        {
            clock.Forget(this);
            await inner.DisposeAsync();
        }
    }
}
