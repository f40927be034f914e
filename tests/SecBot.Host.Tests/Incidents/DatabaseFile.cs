using Dapper;
using Microsoft.Data.Sqlite;

namespace SecBot.Host.Tests.Incidents;

/// <summary>Reads the host's SQLite file directly, as an operator would, whether or not a host is running on it.</summary>
internal sealed class DatabaseFile(string path)
{
    public string Path { get; } = path;

    public async Task<T> ScalarAsync<T>(string sql, object? parameters = null)
    {
        await using var connection = await OpenAsync();
        return (await connection.ExecuteScalarAsync<T>(sql, parameters))!;
    }

    public async Task<IReadOnlyList<T>> QueryAsync<T>(string sql, object? parameters = null)
    {
        await using var connection = await OpenAsync();
        return [.. await connection.QueryAsync<T>(sql, parameters)];
    }

    /// <summary>The ack timers of an incident, oldest first; instants are unix milliseconds.</summary>
    public Task<IReadOnlyList<TimerRecord>> TimersOfAsync(string incidentKey) =>
        QueryAsync<TimerRecord>(
            "SELECT id AS Id, due_at AS DueAt, fired_at AS FiredAt, payload AS Payload FROM timers WHERE subject = @Subject ORDER BY id",
            new { Subject = incidentKey });

    public Task<IReadOnlyList<string>> TimelineKindsAsync(long incident) =>
        QueryAsync<string>("SELECT kind FROM incident_events WHERE incident_id = @Incident ORDER BY id", new { Incident = incident });

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

    private async Task<SqliteConnection> OpenAsync()
    {
        var connection = new SqliteConnection(new SqliteConnectionStringBuilder { DataSource = Path, Pooling = false }.ToString());
        await connection.OpenAsync();
        return connection;
    }
}

internal sealed record TimerRecord(long Id, long DueAt, long? FiredAt, string? Payload)
{
    public DateTimeOffset Due => DateTimeOffset.FromUnixTimeMilliseconds(DueAt);

    public TimeSpan Lateness => TimeSpan.FromMilliseconds((FiredAt ?? throw new InvalidOperationException($"timer {Id} has not fired")) - DueAt);
}
