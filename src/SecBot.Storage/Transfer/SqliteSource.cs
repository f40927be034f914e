using System.Text.RegularExpressions;
using Microsoft.Data.Sqlite;
using SecBot.Storage.Migrations;

namespace SecBot.Storage.Transfer;

/// <summary>
/// The SQLite file a transfer copies from, opened read-only (nothing is ever written to it): checks that it is a SecBot
/// database at this build's schema version, and reads its tables, columns and foreign keys from its own schema.
/// </summary>
internal static partial class SqliteSource
{
    /// <summary>Tables that are not SecBot data: SQLite's own, and the migration history each database keeps for itself.</summary>
    private const string TablesSql =
        "SELECT name FROM sqlite_schema WHERE type = 'table' AND name NOT LIKE 'sqlite\\_%' ESCAPE '\\' AND name <> 'schema_migrations' ORDER BY rowid";

    [GeneratedRegex("^[a-z_][a-z0-9_]*$", RegexOptions.CultureInvariant)]
    private static partial Regex PlainName();

    /// <summary>Opens <paramref name="path"/> read-only and checks it is a SecBot database this build can copy; else refuses, naming why.</summary>
    public static async Task<SqliteConnection> OpenAsync(string path, CancellationToken cancellationToken)
    {
        if (Directory.Exists(path)) throw new TransferRefusedException($"--from {path} is a directory, not a SecBot database file");
        if (!File.Exists(path)) throw new TransferRefusedException($"--from {path}: there is no such file");

        var connection = new SqliteConnection(new SqliteConnectionStringBuilder
        {
            DataSource = path,
            Mode = SqliteOpenMode.ReadOnly,
            Pooling = false,
        }.ToString());
        try
        {
            await connection.OpenAsync(cancellationToken);
            await CheckSchemaVersionAsync(connection, path, cancellationToken);
            return connection;
        }
        catch (SqliteException e)
        {
            await connection.DisposeAsync();
            throw new TransferRefusedException($"--from {path} cannot be read as a SQLite database: {e.Message}", e);
        }
        catch
        {
            await connection.DisposeAsync();
            throw;
        }
    }

    /// <summary>The tables to copy, each after every table its foreign keys name (ties in the order the schema created them).</summary>
    public static async Task<IReadOnlyList<TransferTable>> TablesAsync(SqliteConnection connection, SqliteTransaction snapshot, CancellationToken cancellationToken)
    {
        var names = await ListAsync(connection, snapshot, TablesSql, null, cancellationToken);
        var sequences = await SequencesAsync(connection, snapshot, cancellationToken);
        var tables = new List<TransferTable>(names.Count);
        foreach (var name in names)
        {
            if (!PlainName().IsMatch(name)) throw new TransferRefusedException($"the SQLite file has a table '{name}' that is not SecBot's; it is not a SecBot database as this build writes it");
            var columns = await ListAsync(connection, snapshot, "SELECT name FROM pragma_table_info(@Table) ORDER BY cid", name, cancellationToken);
            var primaryKey = await ListAsync(connection, snapshot, "SELECT name FROM pragma_table_info(@Table) WHERE pk > 0 ORDER BY pk", name, cancellationToken);
            var references = await ListAsync(connection, snapshot, "SELECT DISTINCT \"table\" FROM pragma_foreign_key_list(@Table)", name, cancellationToken);
            tables.Add(new TransferTable(name, columns, primaryKey, references, sequences.TryGetValue(name, out var sequence) ? sequence : null));
        }

        return InForeignKeyOrder(tables);
    }

    /// <summary>Rows of <paramref name="table"/>, every column in the file's order, in primary key order.</summary>
    public static SqliteCommand SelectAll(SqliteConnection connection, SqliteTransaction snapshot, TransferTable table)
    {
        var command = connection.CreateCommand();
        command.Transaction = snapshot;
        var order = table.PrimaryKey.Count == 0 ? "" : $" ORDER BY {string.Join(", ", table.PrimaryKey.Select(Quote))}";
        command.CommandText = $"SELECT {string.Join(", ", table.Columns.Select(Quote))} FROM {Quote(table.Name)}{order}";
        return command;
    }

    public static async Task<long> CountAsync(SqliteConnection connection, SqliteTransaction snapshot, string table, CancellationToken cancellationToken)
    {
        await using var command = connection.CreateCommand();
        command.Transaction = snapshot;
        command.CommandText = $"SELECT count(*) FROM {Quote(table)}";
        return (long)(await command.ExecuteScalarAsync(cancellationToken))!;
    }

    public static string Quote(string name) => $"\"{name}\"";

    private static async Task CheckSchemaVersionAsync(SqliteConnection connection, string path, CancellationToken cancellationToken)
    {
        await using var command = connection.CreateCommand();
        command.CommandText = "SELECT count(*) FROM sqlite_schema WHERE type = 'table' AND name = 'schema_migrations'";
        if ((long)(await command.ExecuteScalarAsync(cancellationToken))! == 0)
        {
            throw new TransferRefusedException($"--from {path} is not a SecBot database: it has no schema_migrations table (SecBot creates it on first start)");
        }

        command.CommandText = "SELECT coalesce(max(version), 0) FROM schema_migrations";
        var version = (long)(await command.ExecuteScalarAsync(cancellationToken))!;
        var expected = MigrationCatalog.Sqlite.LatestVersion;
        if (version < expected)
        {
            throw new TransferRefusedException(
                $"--from {path} is at schema version {version}; this build copies version {expected}. Start the service of this build once on it "
                + $"(SecBot:Database:Path={path}) so it migrates the file, stop the service, then run migrate-to-postgres again");
        }

        if (version > expected)
        {
            throw new TransferRefusedException(
                $"--from {path} is at schema version {version}, newer than this build's {expected}: run migrate-to-postgres of the build that wrote it");
        }
    }

    private static async Task<Dictionary<string, long>> SequencesAsync(SqliteConnection connection, SqliteTransaction snapshot, CancellationToken cancellationToken)
    {
        var sequences = new Dictionary<string, long>(StringComparer.Ordinal);
        await using var command = connection.CreateCommand();
        command.Transaction = snapshot;
        command.CommandText = "SELECT count(*) FROM sqlite_schema WHERE type = 'table' AND name = 'sqlite_sequence'";
        if ((long)(await command.ExecuteScalarAsync(cancellationToken))! == 0) return sequences;

        command.CommandText = "SELECT name, seq FROM sqlite_sequence";
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        while (await reader.ReadAsync(cancellationToken)) sequences[reader.GetString(0)] = reader.GetInt64(1);
        return sequences;
    }

    private static async Task<List<string>> ListAsync(SqliteConnection connection, SqliteTransaction snapshot, string sql, string? table, CancellationToken cancellationToken)
    {
        await using var command = connection.CreateCommand();
        command.Transaction = snapshot;
        command.CommandText = sql;
        if (table is not null) command.Parameters.AddWithValue("@Table", table);
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        var names = new List<string>();
        while (await reader.ReadAsync(cancellationToken)) names.Add(reader.GetString(0));
        return names;
    }

    /// <summary>Each table after the tables it references, so every foreign key finds its row when PostgreSQL checks it.</summary>
    private static List<TransferTable> InForeignKeyOrder(List<TransferTable> tables)
    {
        var ordered = new List<TransferTable>(tables.Count);
        var placed = new HashSet<string>(StringComparer.Ordinal);
        var remaining = new List<TransferTable>(tables);
        while (remaining.Count > 0)
        {
            var next = remaining.FirstOrDefault(t => t.References.All(r => r == t.Name || placed.Contains(r) || tables.All(o => o.Name != r)))
                ?? throw new TransferRefusedException(
                    $"the foreign keys of {string.Join(", ", remaining.Select(t => t.Name))} reference each other in a cycle; there is no order to copy them in");
            ordered.Add(next);
            placed.Add(next.Name);
            remaining.Remove(next);
        }

        return ordered;
    }
}
