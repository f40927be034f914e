using System.Collections.Concurrent;
using Microsoft.Extensions.Time.Testing;

namespace SecBot.Teams.Tests.Connector;

/// <summary>
/// Fake time that also tells which waits were started, so a test can advance it exactly past a retry's wait
/// (Polly's delays are timers of the time provider) instead of guessing when the wait began.
/// </summary>
internal sealed class ObservedTimeProvider : FakeTimeProvider
{
    private readonly ConcurrentQueue<TimeSpan> _waits = new();

    public ObservedTimeProvider()
        : base(new DateTimeOffset(2026, 12, 4, 9, 0, 0, TimeSpan.Zero))
    {
    }

    public IReadOnlyCollection<TimeSpan> Waits => _waits;

    public override ITimer CreateTimer(TimerCallback callback, object? state, TimeSpan dueTime, TimeSpan period)
    {
        _waits.Enqueue(dueTime);
        return base.CreateTimer(callback, state, dueTime, period);
    }

    /// <summary>Waits (bounded, on the real clock) until a wait of <paramref name="dueTime"/> has been started.</summary>
    public async Task WaitForWaitAsync(TimeSpan dueTime)
    {
        using var guard = new CancellationTokenSource(TimeSpan.FromSeconds(20));
        while (!_waits.Contains(dueTime))
        {
            if (guard.IsCancellationRequested) throw new TimeoutException($"no wait of {dueTime} started; waits: {string.Join(", ", _waits)}");
            await Task.Delay(TimeSpan.FromMilliseconds(10), TimeProvider.System, CancellationToken.None);
        }
    }
}
