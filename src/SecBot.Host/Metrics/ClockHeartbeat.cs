using System.Diagnostics.Metrics;
using SecBot.Chat.Telemetry;

namespace SecBot.Host.Metrics;

/// <summary>
/// When the timer clock last finished a pass over the due timers without failing, as
/// <c>secbot_clock_last_pass_timestamp_seconds</c>. The clock sleeps while nothing is due, so an old value alone is no
/// alarm: <c>secbot_timers_overdue</c> (<see cref="StoreGauges"/>) is what says it stopped.
/// </summary>
public sealed class ClockHeartbeat
{
    private readonly TimeProvider _time;
    private long _lastPassUnixMilliseconds;

    public ClockHeartbeat(TimeProvider time, IMeterFactory meters)
    {
        ArgumentNullException.ThrowIfNull(meters);
        _time = time;
        meters.Create(SecBotMeter.Name).CreateObservableGauge(
            "secbot.clock.last_pass_timestamp", Observe, "s", "Unix time at which the timer clock last fired every due timer without failing");
    }

    public void Passed() => Interlocked.Exchange(ref _lastPassUnixMilliseconds, _time.GetUtcNow().ToUnixTimeMilliseconds());

    private IEnumerable<Measurement<double>> Observe()
    {
        var last = Interlocked.Read(ref _lastPassUnixMilliseconds);
        return last == 0 ? [] : [new Measurement<double>(last / 1000.0)];
    }
}
