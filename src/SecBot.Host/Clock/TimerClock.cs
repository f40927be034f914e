using System.Threading.Channels;
using SecBot.Chat.Logging;
using SecBot.Host.Background;
using SecBot.Host.Metrics;
using SecBot.Storage;
using SecBot.Storage.Timers;

namespace SecBot.Host.Clock;

/// <summary>
/// Fires durable timers. It sleeps until the earliest due time (woken early when a commit adds a timer),
/// then fires every due timer, each in its own transaction with its effects. A restart simply finds the
/// rows again: whatever came due while the service was down fires once, on start.
/// </summary>
public sealed partial class TimerClock : BackgroundService
{
    /// <summary>
    /// The longest single sleep: a timer further off is slept towards in steps. Task.Delay refuses delays over
    /// ~49.7 days, which would otherwise turn a far-off timer into a clock failure every minute.
    /// </summary>
    public static readonly TimeSpan LongestSleep = TimeSpan.FromDays(1);

    private readonly IStore _store;
    private readonly TimerRepository _timers;
    private readonly DueTimers _dueTimers;
    private readonly TimerFailures _failures;
    private readonly SubjectTimeline _subjectTimeline;
    private readonly IStoreSignals _signals;
    private readonly Dictionary<string, ITimerHandler> _handlers;
    private readonly TimeProvider _time;
    private readonly ILogger<TimerClock> _logger;
    private readonly ClockHeartbeat? _heartbeat;
    private const long Busy = long.MinValue;
    private const long UntilWoken = long.MaxValue;

    // When the sleeping clock will look again anyway (UTC ticks of the next due timer), UntilWoken, or Busy.
    private long _plannedLook = Busy;
    private readonly Channel<bool> _wake = Channel.CreateBounded<bool>(new BoundedChannelOptions(1) { FullMode = BoundedChannelFullMode.DropWrite });

    /// <param name="heartbeat">Told after every pass that fired all due timers without failing (for <c>/metrics</c>); null tells nobody.</param>
    public TimerClock(
        IStore store,
        TimerRepository timers,
        DueTimers dueTimers,
        TimerFailures failures,
        SubjectTimeline subjectTimeline,
        IStoreSignals signals,
        IEnumerable<ITimerHandler> handlers,
        TimeProvider time,
        ILogger<TimerClock> logger,
        ClockHeartbeat? heartbeat = null)
    {
        ArgumentNullException.ThrowIfNull(handlers);
        _store = store;
        _timers = timers;
        _dueTimers = dueTimers;
        _failures = failures;
        _subjectTimeline = subjectTimeline;
        _signals = signals;
        _handlers = handlers.ToDictionary(h => h.Kind, StringComparer.Ordinal);
        _time = time;
        _logger = logger;
        _heartbeat = heartbeat;
    }

    /// <summary>Fires every timer due now; returns how many fired. One tick of the clock.</summary>
    public async Task<int> FireDueAsync(CancellationToken cancellationToken)
    {
        var fired = 0;
        while (await FireNextAsync(cancellationToken)) fired++;
        return fired;
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        _signals.TimersChanged += Wake;
        try
        {
            while (!stoppingToken.IsCancellationRequested)
            {
                try
                {
                    await FireDueAsync(stoppingToken);
                    _heartbeat?.Passed();
                    await SleepUntilNextAsync(await _timers.NextDueAtAsync(stoppingToken), stoppingToken);
                }
                catch (Exception e) when (e is not OperationCanceledException)
                {
                    LogClockFailed(e);
                    await SleepUntilNextAsync(_time.GetUtcNow() + RetryFailedTimerAfter, stoppingToken);
                }
            }
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
            // Stopping.
        }
        finally
        {
            _signals.TimersChanged -= Wake;
        }
    }

    private async Task<bool> FireNextAsync(CancellationToken cancellationToken)
    {
        try
        {
            return await _dueTimers.FireNextAsync(
                async (transaction, timer) =>
                {
                    using var subject = SubjectLogScope.Begin(_logger, timer.Subject);
                    if (_handlers.TryGetValue(timer.Kind, out var handler))
                    {
                        await FireAsync(handler, transaction, timer);
                        LogFired(timer.Kind, timer.Subject, timer.DueAt);
                    }
                    else
                    {
                        LogNoHandler(timer.Kind, timer.Id);
                    }
                },
                cancellationToken);
        }
        catch (TimerHandlerFailedException failed)
        {
            // The handler's half-done work rolled back with the transaction; count the failure, then retry later or park.
            await RecordFailureAsync(failed.Timer, failed.InnerException!, cancellationToken);
            return true;
        }
    }

    private static async Task FireAsync(ITimerHandler handler, StoreTransaction transaction, DueTimer timer)
    {
        try
        {
            await handler.FireAsync(transaction, timer);
        }
        catch (Exception e) when (e is not OperationCanceledException || !transaction.CancellationToken.IsCancellationRequested)
        {
            throw new TimerHandlerFailedException(timer, e);
        }
    }

    private async Task SleepUntilNextAsync(DateTimeOffset? next, CancellationToken stoppingToken)
    {
        // With nothing scheduled, sleep until a commit adds a timer.
        var delay = next is { } due ? due - _time.GetUtcNow() : Timeout.InfiniteTimeSpan;
        if (next is not null && delay <= TimeSpan.Zero) return;
        if (delay > LongestSleep) delay = LongestSleep;
        delay = _signals.Bounded(delay);

        Interlocked.Exchange(ref _plannedLook, next?.UtcTicks ?? UntilWoken);
        try
        {
            await StoreSleep.UntilWokenAsync(_wake, delay, _time, stoppingToken);
        }
        finally
        {
            Interlocked.Exchange(ref _plannedLook, Busy);
        }
    }

    // A commit that schedules a timer due no sooner than the clock looks anyway (most escalations: minutes away) lets it
    // sleep on; while it is firing or planning (Busy) every signal counts, so a timer committed meanwhile is never missed.
    private void Wake(object? sender, TimersChangedEventArgs scheduled)
    {
        var planned = Interlocked.Read(ref _plannedLook);
        if (planned == Busy || scheduled.IsEarlierThan(planned == UntilWoken ? null : new DateTimeOffset(planned, TimeSpan.Zero)))
        {
            _wake.Writer.TryWrite(true);
        }
    }

    [LoggerMessage(EventId = 100, Level = LogLevel.Information, Message = "Timer {Kind} for {Subject} fired (due {DueAt:o})")]
    private partial void LogFired(string kind, string subject, DateTimeOffset dueAt);

    [LoggerMessage(EventId = 102, Level = LogLevel.Warning, Message = "No handler for timer kind {Kind} (timer {TimerId}); marked fired")]
    private partial void LogNoHandler(string kind, long timerId);

    [LoggerMessage(EventId = 103, Level = LogLevel.Error, Message = "The timer clock failed; retrying shortly")]
    private partial void LogClockFailed(Exception exception);

    private sealed class TimerHandlerFailedException(DueTimer timer, Exception inner) : Exception($"timer {timer.Id} ({timer.Kind}) failed", inner)
    {
        public DueTimer Timer { get; } = timer;
    }
}
