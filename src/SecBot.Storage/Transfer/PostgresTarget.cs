using System.Data;
using Microsoft.Data.Sqlite;
using Npgsql;
using NpgsqlTypes;
using SecBot.Storage.Ledger;

namespace SecBot.Storage.Transfer;

/// <summary>
/// The PostgreSQL side of a transfer: whether it already holds SecBot data, the shape of its tables after the migrations,
/// and the copy itself (COPY in binary, inside the caller's transaction), the identities moved past the copied ids, and
/// the ledger read back.
/// </summary>
internal static class PostgresTarget
{
    /// <summary>
    /// The connection string parsed, or why it cannot be: Npgsql's keywords (<c>Host=…;Database=…;Username=…</c>), with
    /// a host and a database named.
    /// </summary>
    public static (NpgsqlConnectionStringBuilder? Builder, string? Problem) Parse(string? connectionString)
    {
        if (string.IsNullOrWhiteSpace(connectionString)) return (null, "the connection string is empty");
        NpgsqlConnectionStringBuilder builder;
        try
        {
            builder = new NpgsqlConnectionStringBuilder(connectionString);
        }
        catch (Exception e) when (e is ArgumentException or FormatException or InvalidCastException or OverflowException)
        {
            return (null, $"it is not a PostgreSQL connection string ({e.Message}); write it as Host=HOST;Port=5432;Database=secbot;Username=USER;Password=…");
        }

        if (string.IsNullOrWhiteSpace(builder.Host)) return (null, "the connection string names no Host");
        if (string.IsNullOrWhiteSpace(builder.Database)) return (null, "the connection string names no Database");
        return (builder, null);
    }

    /// <summary>The tables among <paramref name="tables"/> that exist on the target and hold rows, with their counts.</summary>
    public static async Task<IReadOnlyList<(string Table, long Rows)>> OccupiedAsync(
        NpgsqlConnection connection, NpgsqlTransaction? transaction, IEnumerable<string> tables, CancellationToken cancellationToken)
    {
        var occupied = new List<(string, long)>();
        foreach (var table in tables)
        {
            await using (var exists = new NpgsqlCommand("SELECT to_regclass(quote_ident(@Table)) IS NOT NULL", connection, transaction))
            {
                exists.Parameters.AddWithValue("Table", table);
                if (!(bool)(await exists.ExecuteScalarAsync(cancellationToken))!) continue;
            }

            var rows = await CountAsync(connection, transaction, table, cancellationToken);
            if (rows > 0) occupied.Add((table, rows));
        }

        return occupied;
    }

    /// <summary>Each column's PostgreSQL type (information_schema's data_type) for the tables of the current schema, columns in order.</summary>
    public static async Task<Dictionary<string, List<(string Column, string Type)>>> ColumnsAsync(
        NpgsqlConnection connection, NpgsqlTransaction transaction, CancellationToken cancellationToken)
    {
        var columns = new Dictionary<string, List<(string, string)>>(StringComparer.Ordinal);
        await using var command = new NpgsqlCommand(
            """
            SELECT table_name, column_name, data_type FROM information_schema.columns
            WHERE table_schema = current_schema() ORDER BY table_name, ordinal_position
            """,
            connection,
            transaction);
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        while (await reader.ReadAsync(cancellationToken))
        {
            var table = reader.GetString(0);
            if (!columns.TryGetValue(table, out var list)) columns[table] = list = [];
            list.Add((reader.GetString(1), reader.GetString(2)));
        }

        return columns;
    }

    /// <summary>
    /// Copies every row of <paramref name="rows"/> into <paramref name="table"/> with one binary COPY, each value checked
    /// against its PostgreSQL column's type as it goes; returns how many rows PostgreSQL took.
    /// </summary>
    public static async Task<ulong> CopyAsync(
        NpgsqlConnection connection, TransferTable table, IReadOnlyList<string> types, SqliteDataReader rows, CancellationToken cancellationToken)
    {
        var columns = string.Join(", ", table.Columns.Select(SqliteSource.Quote));
        await using var importer = await connection.BeginBinaryImportAsync(
            $"COPY {SqliteSource.Quote(table.Name)} ({columns}) FROM STDIN (FORMAT BINARY)", cancellationToken);
        long row = 0;
        while (await rows.ReadAsync(cancellationToken))
        {
            row++;
            await importer.StartRowAsync(cancellationToken);
            for (var i = 0; i < types.Count; i++)
            {
                var value = rows.GetValue(i);
                switch (types[i], value)
                {
                    case (_, DBNull):
                        await importer.WriteNullAsync(cancellationToken);
                        break;
                    case ("bigint", long number):
                        await importer.WriteAsync(number, NpgsqlDbType.Bigint, cancellationToken);
                        break;
                    case ("text", string text):
                        await importer.WriteAsync(text, NpgsqlDbType.Text, cancellationToken);
                        break;
                    case ("bytea", byte[] bytes):
                        await importer.WriteAsync(bytes, NpgsqlDbType.Bytea, cancellationToken);
                        break;
                    default:
                        throw new TransferRefusedException(
                            $"{table.Name} row {row}, column {table.Columns[i]}: SQLite holds {Describe(value)} where PostgreSQL's column is {types[i]}; "
                            + "the file does not hold what this build's schema says, so it is not copied");
                }
            }
        }

        return await importer.CompleteAsync(cancellationToken);
    }

    /// <summary>
    /// Moves every identity of <paramref name="table"/> past the highest id copied (and past the highest id SQLite ever
    /// handed out, so a number deleted there is not handed out again here); returns the id the identity gives next.
    /// </summary>
    public static async Task<long?> MovePastCopiedIdsAsync(
        NpgsqlConnection connection, NpgsqlTransaction transaction, TransferTable table, CancellationToken cancellationToken)
    {
        var identities = new List<string>();
        await using (var find = new NpgsqlCommand(
            "SELECT column_name FROM information_schema.columns WHERE table_schema = current_schema() AND table_name = @Table AND is_identity = 'YES'",
            connection,
            transaction))
        {
            find.Parameters.AddWithValue("Table", table.Name);
            await using var reader = await find.ExecuteReaderAsync(cancellationToken);
            while (await reader.ReadAsync(cancellationToken)) identities.Add(reader.GetString(0));
        }

        long? next = null;
        foreach (var column in identities)
        {
            await using var command = new NpgsqlCommand(
                $"""
                SELECT setval(pg_get_serial_sequence(quote_ident(@Table), @Column),
                    greatest(coalesce((SELECT max({SqliteSource.Quote(column)}) FROM {SqliteSource.Quote(table.Name)}), 0), @Handed) + 1, false)
                """,
                connection,
                transaction);
            command.Parameters.AddWithValue("Table", table.Name);
            command.Parameters.AddWithValue("Column", column);
            command.Parameters.AddWithValue("Handed", table.SqliteSequence ?? 0L);
            next = (long)(await command.ExecuteScalarAsync(cancellationToken))!;
        }

        return next;
    }

    public static async Task<long> CountAsync(NpgsqlConnection connection, NpgsqlTransaction? transaction, string table, CancellationToken cancellationToken)
    {
        await using var command = new NpgsqlCommand($"SELECT count(*) FROM {SqliteSource.Quote(table)}", connection, transaction);
        return (long)(await command.ExecuteScalarAsync(cancellationToken))!;
    }

    /// <summary>The copied ledger walked as <c>ledger verify</c> walks it (ids 1, 2, 3…, each prev_hash the last hash, each hash recomputed).</summary>
    public static async Task<(LedgerHead Head, LedgerFault? Fault)> WalkLedgerAsync(
        NpgsqlConnection connection, NpgsqlTransaction transaction, CancellationToken cancellationToken)
    {
        using var chain = new LedgerChain([], mustStartAtOne: true);
        await using var command = new NpgsqlCommand(LedgerVerifier.Select + " ORDER BY id", connection, transaction);
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        while (await reader.ReadAsync(cancellationToken))
        {
            if (!chain.Append(LedgerVerifier.Read(reader))) break;
        }

        return (new LedgerHead(chain.Verified, chain.LastId, chain.LastHash), chain.Fault);
    }

    /// <summary>Takes every copied table for this transaction: no one else writes to them until it ends (reads go on).</summary>
    public static async Task LockAsync(NpgsqlConnection connection, NpgsqlTransaction transaction, IEnumerable<string> tables, CancellationToken cancellationToken)
    {
        await using var command = new NpgsqlCommand(
            $"LOCK TABLE {string.Join(", ", tables.Select(SqliteSource.Quote))} IN EXCLUSIVE MODE", connection, transaction);
        await command.ExecuteNonQueryAsync(cancellationToken);
    }

    private static string Describe(object value) => value switch
    {
        long => "an integer",
        double => "a real number",
        string => "text",
        byte[] => "a blob",
        _ => value.GetType().Name,
    };
}
