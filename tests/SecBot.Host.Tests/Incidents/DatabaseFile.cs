using Microsoft.Data.Sqlite;
using SecBot.Domain.Incidents;
using SecBot.Storage.Database;
using SecBot.Storage.Delivery;
using SecBot.Storage.Incidents;
using SecBot.Storage.Timers;

namespace SecBot.Host.Tests.Incidents;

/// <summary>
/// Reads the host's SQLite file on a connection of its own, as an operator would, whether or not a host is running on it;
/// through the storage repositories' reads, never SQL.
/// </summary>
internal sealed class DatabaseFile(string path)
{
    public string Path { get; } = path;

    /// <summary>The ack timers of an incident, oldest first; instants are unix milliseconds.</summary>
    public async Task<IReadOnlyList<TimerRecord>> TimersOfAsync(string incidentKey) =>
        [.. (await ReadAsync(c => TimerRepository.ListAllAsync(c, CancellationToken.None)))
            .Where(t => t.Subject == incidentKey)
            .Select(t => new TimerRecord(t.Id, t.DueAt.ToUnixTimeMilliseconds(), t.FiredAt?.ToUnixTimeMilliseconds(), t.Payload))];

    public async Task<IReadOnlyList<string>> TimelineKindsAsync(long incident) =>
        [.. (await ReadAsync(c => IncidentRepository.TimelineAsWrittenAsync(c, incident, CancellationToken.None))).Select(e => e.Kind)];

    public async Task<Incident> IncidentAsync(long number) =>
        await ReadAsync(c => IncidentRepository.LoadAsync(c, null, number, CancellationToken.None)) ?? throw new InvalidOperationException($"INC-{number} is not stored");

    /// <summary>Every incident, oldest first, with its pages.</summary>
    public Task<IReadOnlyList<Incident>> IncidentsAsync() => ReadAsync(c => IncidentRepository.ListAllAsync(c, null, CancellationToken.None));

    /// <summary>Every outbox row, whatever its state, in queue order.</summary>
    public async Task<IReadOnlyList<OutboxEntry>> OutboxEntriesAsync() =>
        [.. (await ReadAsync(c => OutboxRepository.ListAllAsync(c, null, CancellationToken.None))).Select(m => m.Message)];

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

    private async Task<T> ReadAsync<T>(Func<SqliteConnection, Task<T>> read)
    {
        DapperConventions.EnsureRegistered();
        await using var connection = new SqliteConnection(new SqliteConnectionStringBuilder { DataSource = Path, Pooling = false }.ToString());
        await connection.OpenAsync();
        return await read(connection);
    }
}

internal sealed record TimerRecord(long Id, long DueAt, long? FiredAt, string? Payload)
{
    public DateTimeOffset Due => DateTimeOffset.FromUnixTimeMilliseconds(DueAt);

    public TimeSpan Lateness => TimeSpan.FromMilliseconds((FiredAt ?? throw new InvalidOperationException($"timer {Id} has not fired")) - DueAt);
}
