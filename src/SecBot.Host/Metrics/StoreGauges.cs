using System.Diagnostics.Metrics;
using SecBot.Chat.Delivery;
using SecBot.Chat.Telemetry;
using SecBot.Storage;
using SecBot.Storage.Delivery;
using SecBot.Storage.Incidents;
using SecBot.Storage.Timers;

namespace SecBot.Host.Metrics;

/// <summary>
/// The gauges that describe what the store holds: open incidents by level and type, the outbox per platform (pending,
/// retrying, age of the oldest pending message, dead letters), parked and overdue timers. One read of a few indexed
/// counts fills them all, at most once every <see cref="FreshFor"/> however often <c>/metrics</c> is scraped
/// (<see cref="RefreshAsync"/> runs before each scrape); the callbacks only read that snapshot, never the database.
/// </summary>
public sealed class StoreGauges
{
    public static readonly TimeSpan FreshFor = TimeSpan.FromSeconds(5);

    /// <summary>A timer still unfired this long after its due time counts as overdue: the clock fires due timers within seconds.</summary>
    public static readonly TimeSpan OverdueAfter = TimeSpan.FromMinutes(1);

    private readonly IStore _store;
    private readonly IncidentRepository _incidents;
    private readonly OutboxBacklog _backlog;
    private readonly TimerFailures _timerFailures;
    private readonly TimerRepository _timers;
    private readonly IDeliveryPlatforms _platforms;
    private readonly TimeProvider _time;
    private readonly SemaphoreSlim _reading = new(1, 1);
    private StoreReading? _last;

    public StoreGauges(
        IStore store,
        IncidentRepository incidents,
        OutboxBacklog backlog,
        TimerFailures timerFailures,
        TimerRepository timers,
        IDeliveryPlatforms platforms,
        TimeProvider time,
        IMeterFactory meters)
    {
        ArgumentNullException.ThrowIfNull(meters);
        _store = store;
        _incidents = incidents;
        _backlog = backlog;
        _timerFailures = timerFailures;
        _timers = timers;
        _platforms = platforms;
        _time = time;
        var meter = meters.Create(SecBotMeter.Name);
        meter.CreateObservableGauge("secbot.incidents.open", ObserveOpenIncidents, "{incident}", "Open (unresolved) incidents, by level and type");
        meter.CreateObservableGauge("secbot.outbox.pending", () => PerPlatform(p => p.Pending), "{message}", "Outbox messages waiting to be delivered, by platform");
        meter.CreateObservableGauge("secbot.outbox.retrying", () => PerPlatform(p => p.Retrying), "{message}", "Pending outbox messages that failed at least once, by platform");
        meter.CreateObservableGauge(
            "secbot.outbox.oldest_pending_age", ObserveOldestPendingAge, "s", "Seconds the oldest pending outbox message has waited, by platform (0 when none)");
        meter.CreateObservableGauge("secbot.outbox.dead_letters", () => PerPlatform(p => p.Dead), "{message}", "Dead-lettered outbox messages kept for a retry, by platform");
        meter.CreateObservableGauge("secbot.timers.parked", () => Single(r => r.ParkedTimers), "{timer}", "Timers given up on after failing (parked), kept for a retry");
        meter.CreateObservableGauge(
            "secbot.timers.overdue", () => Single(r => r.OverdueTimers), "{timer}", "Timers still unfired a minute after they were due: above zero for long, the clock has stopped");
    }

    /// <summary>Reads the store again unless the last reading is younger than <see cref="FreshFor"/>.</summary>
    public async Task RefreshAsync(CancellationToken cancellationToken)
    {
        if (IsFresh(Volatile.Read(ref _last))) return;
        await _reading.WaitAsync(cancellationToken);
        try
        {
            if (IsFresh(_last)) return;
            var readAt = _time.GetTimestamp();
            var now = _time.GetUtcNow();
            var reading = await _store.ReadAsync(
                async connection => new StoreReading(
                    readAt,
                    await _incidents.CountOpenAsync(connection, cancellationToken),
                    await _backlog.ListAsync(connection, cancellationToken),
                    await _timerFailures.CountParkedAsync(connection, cancellationToken),
                    await _timers.CountOverdueAsync(connection, now - OverdueAfter, cancellationToken)),
                cancellationToken);
            Volatile.Write(ref _last, reading);
        }
        finally
        {
            _reading.Release();
        }
    }

    private bool IsFresh(StoreReading? reading) => reading is not null && _time.GetElapsedTime(reading.ReadAt) < FreshFor;

    private IEnumerable<Measurement<long>> ObserveOpenIncidents() =>
        Volatile.Read(ref _last) is { } reading
            ? reading.OpenIncidents.Select(open => new Measurement<long>(open.Open, new("level", open.Level), new("type", open.Type)))
            : [];

    private IEnumerable<Measurement<double>> ObserveOldestPendingAge()
    {
        var now = _time.GetUtcNow();
        return PerPlatform(p => Math.Round(p.OldestPendingAge(now).TotalSeconds, 3));
    }

    private IEnumerable<Measurement<long>> Single(Func<StoreReading, long> value) =>
        Volatile.Read(ref _last) is { } reading ? [new Measurement<long>(value(reading))] : [];

    /// <summary>One measurement per platform SecBot delivers on (zero when nothing waits there) and per platform the outbox still holds.</summary>
    private IEnumerable<Measurement<T>> PerPlatform<T>(Func<PlatformBacklog, T> value)
        where T : struct
    {
        if (Volatile.Read(ref _last) is not { } reading) return [];
        var backlog = reading.Outbox.ToDictionary(p => p.Platform, StringComparer.Ordinal);
        return _platforms.Enabled.Union(backlog.Keys, StringComparer.Ordinal).Order(StringComparer.Ordinal)
            .Select(platform => new Measurement<T>(
                value(backlog.GetValueOrDefault(platform) ?? new PlatformBacklog(platform, 0, 0, null, 0, null)), new KeyValuePair<string, object?>("platform", platform)));
    }
}
