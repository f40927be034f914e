using Microsoft.Extensions.Logging.Abstractions;
using SecBot.Chat.Tests.Support;
using SecBot.Domain.Incidents;
using SecBot.Storage;
using SecBot.Storage.Database;
using SecBot.Storage.Delivery;

namespace SecBot.Host.Tests.Incidents;

/// <summary>
/// Reads the host's SQLite file through a store of its own over it, as an operator would, whether or not a host is
/// running on it; through the storage repositories' reads (<see cref="StoreReads"/>), never SQL. It never writes.
/// </summary>
internal sealed class DatabaseFile(string path)
{
    private readonly SqliteStore _store = new(
        new SqliteDatabase(new DatabaseOptions { Path = path }, NullLogger<SqliteDatabase>.Instance), TimeProvider.System, NullLogger<SqliteStore>.Instance);

    public string Path { get; } = path;

    /// <summary>The ack timers of an incident, oldest first; instants are unix milliseconds.</summary>
    public async Task<IReadOnlyList<TimerRecord>> TimersOfAsync(string incidentKey) =>
        [.. (await _store.TimersAsync())
            .Where(t => t.Subject == incidentKey)
            .Select(t => new TimerRecord(t.Id, t.DueAt.ToUnixTimeMilliseconds(), t.FiredAt?.ToUnixTimeMilliseconds(), t.Payload))];

    public async Task<IReadOnlyList<string>> TimelineKindsAsync(long incident) =>
        [.. (await _store.IncidentTimelineAsync(incident)).Select(e => e.Kind)];

    public Task<Incident> IncidentAsync(long number) => _store.IncidentAsync(number);

    /// <summary>Every incident, oldest first, with its pages.</summary>
    public Task<IReadOnlyList<Incident>> IncidentsAsync() => _store.IncidentsAsync();

    /// <summary>Every outbox row, whatever its state, in queue order.</summary>
    public Task<IReadOnlyList<OutboxEntry>> OutboxEntriesAsync() => _store.OutboxEntriesAsync();

    /// <summary>Polls until <paramref name="condition"/> holds; the deadline is a hang guard, not part of any assertion.</summary>
    public static async Task WaitUntilAsync(Func<Task<bool>> condition, string what, TimeSpan? guard = null)
    {
        using var timeout = new CancellationTokenSource(guard ?? TimeSpan.FromSeconds(60));
        while (!await condition())
        {
            if (timeout.IsCancellationRequested) throw new TimeoutException($"gave up waiting for {what}");
            await Task.Delay(TimeSpan.FromMilliseconds(50), TimeProvider.System, CancellationToken.None);
        }
    }
}

internal sealed record TimerRecord(long Id, long DueAt, long? FiredAt, string? Payload)
{
    public DateTimeOffset Due => DateTimeOffset.FromUnixTimeMilliseconds(DueAt);

    public TimeSpan Lateness => TimeSpan.FromMilliseconds((FiredAt ?? throw new InvalidOperationException($"timer {Id} has not fired")) - DueAt);
}
