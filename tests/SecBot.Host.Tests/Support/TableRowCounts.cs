using Dapper;
using Microsoft.Data.Sqlite;

namespace SecBot.Host.Tests.Support;

/// <summary>
/// How many rows each table of a host's database holds, read on one read connection of its store: the before and after
/// that show a request wrote nothing, whatever table it might have touched (tables added later included).
/// </summary>
internal static class TableRowCounts
{
    private const string SqliteTables = "SELECT name FROM sqlite_schema WHERE type = 'table' AND name NOT LIKE 'sqlite\\_%' ESCAPE '\\' ORDER BY name";
    private const string PostgresTables = "SELECT table_name FROM information_schema.tables WHERE table_schema = current_schema() AND table_type = 'BASE TABLE' ORDER BY table_name";

    extension(IHostUnderTest under)
    {
        public Task<IReadOnlyDictionary<string, long>> RowCountsAsync() =>
            under.Store.ReadAsync<IReadOnlyDictionary<string, long>>(
                async connection =>
                {
                    var tables = await connection.QueryAsync<string>(connection is SqliteConnection ? SqliteTables : PostgresTables);
                    var counts = new SortedDictionary<string, long>(StringComparer.Ordinal);
                    foreach (var table in tables) counts[table] = await connection.ExecuteScalarAsync<long>($"SELECT COUNT(*) FROM \"{table}\"");
                    return counts;
                },
                CancellationToken.None);
    }
}
