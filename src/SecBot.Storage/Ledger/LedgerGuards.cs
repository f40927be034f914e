using Microsoft.Data.Sqlite;
using SecBot.Storage.Migrations;

namespace SecBot.Storage.Ledger;

/// <summary>
/// The triggers that keep <c>signoffs</c> append-only (refuse delete, refuse update but for the stale flag, refuse
/// replace, refuse a fork). They must all be there, each exactly as this build's migrations create it: a ledger whose
/// guards were dropped or replaced may have been rewritten, even if its chain verifies (the chain can be recomputed by
/// whoever holds the file; only a checkpoint posted elsewhere shows that).
/// </summary>
internal static class LedgerGuards
{
    private const string TriggersSql = "SELECT name, sql FROM sqlite_schema WHERE type = 'trigger' AND tbl_name = 'signoffs' ORDER BY name";

    // What the migrations create, found by running them on an empty in-memory database: the definition lives in one
    // place, the migration scripts.
    private static readonly Lazy<IReadOnlyDictionary<string, string>> Expected = new(CreatedByMigrations);

    public static IReadOnlyCollection<string> Names => [.. Expected.Value.Keys];

    /// <summary>One line per guard that is missing or not as the migrations create it; empty when all are in place.</summary>
    public static async Task<IReadOnlyList<string>> CheckAsync(SqliteConnection connection, SqliteTransaction? transaction, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(connection);
        var present = new Dictionary<string, string>(StringComparer.Ordinal);
        await using (var command = connection.CreateCommand())
        {
            command.Transaction = transaction;
            command.CommandText = TriggersSql;
            await using var reader = await command.ExecuteReaderAsync(cancellationToken);
            while (await reader.ReadAsync(cancellationToken)) present[reader.GetString(0)] = reader.IsDBNull(1) ? "" : reader.GetString(1);
        }

        return Compare(Expected.Value, present);
    }

    /// <summary>
    /// One line per guard of <paramref name="expected"/> (name → definition) that <paramref name="present"/> lacks or
    /// defines differently: the comparison both providers' guard checks make, in the same words.
    /// </summary>
    internal static List<string> Compare(IReadOnlyDictionary<string, string> expected, IReadOnlyDictionary<string, string> present)
    {
        var problems = new List<string>();
        foreach (var (name, sql) in expected)
        {
            if (!present.TryGetValue(name, out var actual))
            {
                problems.Add($"the guard trigger {name} is missing: the ledger could be changed without a trace in the database");
            }
            else if (!string.Equals(actual, sql, StringComparison.Ordinal))
            {
                problems.Add($"the guard trigger {name} is not as this build's migrations create it: it was replaced");
            }
        }

        return problems;
    }

    private static IReadOnlyDictionary<string, string> CreatedByMigrations()
    {
        using var connection = new SqliteConnection("Data Source=:memory:");
        connection.Open();
        foreach (var migration in MigrationCatalog.Sqlite.All)
        {
            using var script = connection.CreateCommand();
            script.CommandText = migration.Script;
            script.ExecuteNonQuery();
        }

        using var command = connection.CreateCommand();
        command.CommandText = TriggersSql;
        using var reader = command.ExecuteReader();
        var triggers = new SortedDictionary<string, string>(StringComparer.Ordinal);
        while (reader.Read()) triggers[reader.GetString(0)] = reader.GetString(1);
        return triggers;
    }
}
