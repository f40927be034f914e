using SecBot.Storage.Delivery;

namespace SecBot.Host.Metrics;

/// <summary>What <see cref="StoreGauges"/> last read from the store, and when (a <see cref="TimeProvider"/> timestamp).</summary>
internal sealed record StoreReading(
    long ReadAt,
    IReadOnlyList<(string Level, string Type, long Open)> OpenIncidents,
    IReadOnlyList<PlatformBacklog> Outbox,
    long ParkedTimers,
    long OverdueTimers);
