using System.Globalization;
using SecBot.Chat.Logging;
using SecBot.Storage.Timers;

namespace SecBot.Host.Clock;

/// <summary>
/// Timers whose handler throws. The failed firing rolled back; the failure is counted on the timer with its error and
/// the timer is tried again later, backing off, so one bad timer neither spins the clock nor holds up the others. After
/// <see cref="MaxAttempts"/> failures it is parked: kept, out of the schedule, noted on the timeline of the incident or
/// gate it concerns, logged, and counted by <c>status</c>.
/// </summary>
public sealed partial class TimerClock
{
    /// <summary>
    /// A handler that throws is retried this much later, then twice as long after each further failure; its timer is
    /// neither lost nor spun on. After <see cref="MaxAttempts"/> failures it is parked (see <see cref="TimerFailures"/>).
    /// </summary>
    public static readonly TimeSpan RetryFailedTimerAfter = TimeSpan.FromMinutes(1);

    /// <summary>How many times a timer's handler may fail before the timer is parked: kept, reported by <c>status</c>, never fired.</summary>
    public const int MaxAttempts = 5;

    /// <summary>The longest error text kept with a failed timer and put on the timeline.</summary>
    private const int MaxErrorLength = 500;

    /// <summary>Waits before the next try after <paramref name="failedAttempts"/> failures: 1, 2, 4, 8 minutes; null once it is time to give up.</summary>
    public static TimeSpan? RetryDelay(int failedAttempts) =>
        failedAttempts >= MaxAttempts ? null : RetryFailedTimerAfter * Math.Pow(2, Math.Max(0, failedAttempts - 1));

    private async Task RecordFailureAsync(DueTimer timer, Exception exception, CancellationToken cancellationToken)
    {
        var error = Describe(exception);
        var failure = await _store.WriteAsync(
            async transaction =>
            {
                var recorded = await _failures.RecordAsync(transaction, timer.Id, error, RetryDelay);
                if (recorded is { Parked: true })
                {
                    var detail = string.Create(CultureInfo.InvariantCulture, $"the {timer.Kind} timer failed {recorded.Attempts} times and was given up on: {error}");
                    await _subjectTimeline.AppendAsync(transaction, timer.Subject, SubjectTimeline.TimerFailed, detail);
                }

                return recorded;
            },
            cancellationToken);

        using var subject = SubjectLogScope.Begin(_logger, timer.Subject);
        switch (failure)
        {
            case { RetryAt: { } retryAt }:
                LogHandlerFailed(exception, timer.Kind, timer.Subject, failure.Attempts, MaxAttempts, retryAt);
                break;
            case { Parked: true }:
                LogTimerParked(exception, timer.Id, timer.Kind, timer.Subject, failure.Attempts, error);
                break;
            default:
                LogFailedTimerGone(exception, timer.Kind, timer.Subject);
                break;
        }
    }

    private static string Describe(Exception exception)
    {
        var text = $"{exception.GetType().Name}: {exception.Message}";
        return text.Length <= MaxErrorLength ? text : string.Concat(text.AsSpan(0, MaxErrorLength - 1), "…");
    }

    [LoggerMessage(EventId = 101, Level = LogLevel.Warning, Message = "Timer {Kind} for {Subject} failed (attempt {Attempts} of {MaxAttempts}); retrying at {RetryAt:o}")]
    private partial void LogHandlerFailed(Exception exception, string kind, string subject, int attempts, int maxAttempts, DateTimeOffset retryAt);

    [LoggerMessage(EventId = 104, Level = LogLevel.Error, Message = "Timer {TimerId} ({Kind} for {Subject}) failed {Attempts} times and was parked; it will not fire: {Error}")]
    private partial void LogTimerParked(Exception exception, long timerId, string kind, string subject, int attempts, string error);

    [LoggerMessage(EventId = 105, Level = LogLevel.Warning, Message = "Timer {Kind} for {Subject} failed, but meanwhile it fired or was cancelled")]
    private partial void LogFailedTimerGone(Exception exception, string kind, string subject);
}
