using System.Data;
using Dapper;

namespace SecBot.Storage.Delivery;

/// <summary>
/// The outbox's undelivered messages per platform, for <c>/readyz</c> and <c>status</c>: read on the caller's connection,
/// through the partial indexes on pending and dead rows (delivered rows, however many, are not read).
/// </summary>
public sealed class OutboxBacklog
{
    private readonly IStore _store;

    public OutboxBacklog(IStore store)
    {
        ArgumentNullException.ThrowIfNull(store);
        _store = store;
    }

    /// <inheritdoc cref="ListAsync(IDbConnection, CancellationToken)"/>
    public Task<IReadOnlyList<PlatformBacklog>> ListAsync(CancellationToken cancellationToken) =>
        _store.ReadAsync(connection => ListAsync(connection, cancellationToken), cancellationToken);

    /// <summary>One entry per platform with pending or dead messages, by platform name; empty when everything was delivered.</summary>
    public async Task<IReadOnlyList<PlatformBacklog>> ListAsync(IDbConnection connection, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(connection);
        var pending = (await connection.QueryAsync<PendingRow>(new CommandDefinition(
            """
            SELECT platform, count(*) AS pending, count(CASE WHEN attempts > 0 THEN 1 END) AS retrying, min(created_at) AS oldest_pending_at
            FROM outbox WHERE state = 'pending' GROUP BY platform
            """,
            cancellationToken: cancellationToken))).ToDictionary(row => row.Platform, StringComparer.Ordinal);
        var dead = (await connection.QueryAsync<(string Platform, long Dead)>(new CommandDefinition(
            "SELECT platform, count(*) FROM outbox WHERE state = 'dead' GROUP BY platform", cancellationToken: cancellationToken)))
            .ToDictionary(row => row.Platform, row => row.Dead, StringComparer.Ordinal);
        var backlog = new List<PlatformBacklog>();
        foreach (var platform in pending.Keys.Union(dead.Keys).Order(StringComparer.Ordinal))
        {
            var waiting = pending.GetValueOrDefault(platform);
            var lastError = waiting is { Retrying: > 0 }
                ? await connection.ExecuteScalarAsync<string?>(new CommandDefinition(
                    "SELECT last_error FROM outbox WHERE state = 'pending' AND platform = @Platform AND attempts > 0 ORDER BY next_attempt_at DESC, id DESC LIMIT 1",
                    new { Platform = platform },
                    cancellationToken: cancellationToken))
                : null;
            backlog.Add(new PlatformBacklog(platform, waiting?.Pending ?? 0, waiting?.Retrying ?? 0, waiting?.OldestPendingAt, dead.GetValueOrDefault(platform), lastError));
        }

        return backlog;
    }

    private sealed class PendingRow
    {
        public string Platform { get; init; } = "";
        public long Pending { get; init; }
        public long Retrying { get; init; }
        public DateTimeOffset? OldestPendingAt { get; init; }
    }
}
