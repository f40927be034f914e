using Dapper;
using SecBot.Storage.Database;

namespace SecBot.Storage.Alerts;

/// <summary>
/// Alert dedup keys and the incidents they opened. Every write happens in the caller's transaction, after
/// <see cref="TakeTurnAsync"/>: on PostgreSQL alert transactions then run one at a time across replicas, so one new key
/// opens one incident however many replicas it reaches at once (SQLite has one writer anyway).
/// </summary>
public sealed class AlertKeyRepository
{
    /// <summary>Waits for other replicas' alert transactions; held until this transaction ends.</summary>
    public Task TakeTurnAsync(StoreTransaction transaction)
    {
        ArgumentNullException.ThrowIfNull(transaction);
        return transaction.TakeTurnAsync(SerializedSection.AlertKeys);
    }

    /// <summary>The stored keys among <paramref name="dedupKeys"/> of <paramref name="source"/>, each with whether its incident is still open.</summary>
    public async Task<IReadOnlyDictionary<string, AlertKey>> FindAsync(StoreTransaction transaction, string source, IReadOnlyCollection<string> dedupKeys)
    {
        ArgumentNullException.ThrowIfNull(transaction);
        ArgumentException.ThrowIfNullOrWhiteSpace(source);
        ArgumentNullException.ThrowIfNull(dedupKeys);
        var found = new Dictionary<string, AlertKey>(StringComparer.Ordinal);
        foreach (var chunk in dedupKeys.Distinct(StringComparer.Ordinal).Chunk(500))
        {
            // Spelled out (@K0, @K1, …) rather than a list parameter, which Dapper expands on SQLite but sends as an array to Npgsql.
            var parameters = new DynamicParameters(new { Source = source });
            for (var i = 0; i < chunk.Length; i++) parameters.Add($"K{i}", chunk[i]);
            var rows = await transaction.QueryAsync<Row>(
                $"""
                SELECT k.dedup_key AS DedupKey, k.incident_id AS IncidentId, k.repeats AS Repeats, i.state AS State
                FROM alert_keys k JOIN incidents i ON i.id = k.incident_id
                WHERE k.source = @Source AND k.dedup_key IN ({string.Join(", ", Enumerable.Range(0, chunk.Length).Select(i => $"@K{i}"))})
                """,
                parameters);
            foreach (var row in rows) found[row.DedupKey] = new AlertKey(source, row.DedupKey, row.IncidentId, row.Repeats, row.State != "resolved");
        }

        return found;
    }

    /// <summary>Points the key at the incident its trigger just opened (a new key, or one whose incident was resolved).</summary>
    public Task OpenAsync(StoreTransaction transaction, string source, string dedupKey, long incidentId)
    {
        ArgumentNullException.ThrowIfNull(transaction);
        return transaction.ExecuteAsync(
            """
            INSERT INTO alert_keys (source, dedup_key, incident_id, repeats, opened_at, last_at)
            VALUES (@Source, @DedupKey, @IncidentId, 0, @Now, @Now)
            ON CONFLICT (source, dedup_key) DO UPDATE SET incident_id = excluded.incident_id, repeats = 0,
                opened_at = excluded.opened_at, last_at = excluded.last_at
            """,
            new { Source = source, DedupKey = dedupKey, IncidentId = incidentId, transaction.Now });
    }

    /// <summary>Counts <paramref name="count"/> more triggers into the key's incident; returns the total since it opened.</summary>
    public Task<long> AddRepeatsAsync(StoreTransaction transaction, string source, string dedupKey, long count)
    {
        ArgumentNullException.ThrowIfNull(transaction);
        ArgumentOutOfRangeException.ThrowIfLessThan(count, 1);
        return transaction.QuerySingleAsync<long>(
            "UPDATE alert_keys SET repeats = repeats + @Count, last_at = @Now WHERE source = @Source AND dedup_key = @DedupKey RETURNING repeats",
            new { Source = source, DedupKey = dedupKey, Count = count, transaction.Now });
    }

    /// <summary>Every key of <paramref name="source"/>, for status pages and tests.</summary>
    public Task<IReadOnlyList<AlertKey>> ListAsync(IStore store, string source, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(store);
        return store.ReadAsync<IReadOnlyList<AlertKey>>(
            async connection => [.. (await connection.QueryAsync<Row>(new CommandDefinition(
                    """
                    SELECT k.dedup_key AS DedupKey, k.incident_id AS IncidentId, k.repeats AS Repeats, i.state AS State
                    FROM alert_keys k JOIN incidents i ON i.id = k.incident_id WHERE k.source = @Source ORDER BY k.opened_at, k.dedup_key
                    """,
                    new { Source = source }, cancellationToken: cancellationToken)))
                .Select(r => new AlertKey(source, r.DedupKey, r.IncidentId, r.Repeats, r.State != "resolved"))],
            cancellationToken);
    }

    private sealed record Row(string DedupKey, long IncidentId, long Repeats, string State);
}
