using System.Data.Common;
using System.Text.RegularExpressions;
using Dapper;

namespace SecBot.Storage.Tests.Postgres;

/// <summary>
/// What a table looks like in one database, in terms both providers can be compared in: columns in order (with the
/// PostgreSQL type each SQLite type maps to), primary key, named indexes, unique constraints, foreign keys, triggers.
/// </summary>
internal sealed record TableShape(
    string Name,
    IReadOnlyList<string> Columns,
    string PrimaryKey,
    IReadOnlyList<string> Indexes,
    IReadOnlyList<string> UniqueConstraints,
    IReadOnlyList<string> ForeignKeys,
    IReadOnlyList<string> Triggers);

internal static partial class SchemaShape
{
    /// <summary>The shape of every table of a SQLite database but its own bookkeeping (sqlite_sequence, schema_migrations).</summary>
    public static async Task<IReadOnlyList<TableShape>> OfSqliteAsync(DbConnection connection)
    {
        var tables = await connection.QueryAsync<string>(
            "SELECT name FROM sqlite_schema WHERE type = 'table' AND name NOT IN ('sqlite_sequence', 'schema_migrations') ORDER BY name");
        var shapes = new List<TableShape>();
        foreach (var table in tables)
        {
            var columns = (await connection.QueryAsync<(string Name, string Type, long NotNull, string? Default, long Pk)>(
                "SELECT name, type, \"notnull\", dflt_value, pk FROM pragma_table_info(@table) ORDER BY cid", new { table })).ToList();
            var indexes = new List<string>();
            var uniques = new List<string>();
            foreach (var (name, unique, origin, partial) in await connection.QueryAsync<(string, long, string, long)>(
                "SELECT name, \"unique\", origin, partial FROM pragma_index_list(@table)", new { table }))
            {
                var indexed = (await connection.QueryAsync<string?>("SELECT name FROM pragma_index_info(@name) ORDER BY seqno", new { name }))
                    .Select(column => column ?? Expression).ToList();
                if (origin == "c") indexes.Add(Index(name, unique != 0, partial != 0, indexed));
                else if (origin == "u") uniques.Add(string.Join(", ", indexed));
            }

            var foreignKeys = (await connection.QueryAsync<(long Id, string Table, string From, string To, string OnDelete)>(
                    "SELECT id, \"table\", \"from\", \"to\", on_delete FROM pragma_foreign_key_list(@table) ORDER BY id, seq", new { table }))
                .GroupBy(key => key.Id)
                .Select(key => ForeignKey([.. key.Select(k => k.From)], key.First().Table, [.. key.Select(k => k.To)], key.First().OnDelete))
                .ToList();
            var triggers = await connection.QueryAsync<string>(
                "SELECT name FROM sqlite_schema WHERE type = 'trigger' AND tbl_name = @table ORDER BY name", new { table });

            shapes.Add(new TableShape(
                table,
                [.. columns.Select(c => Column(c.Name, PostgresTypeOf(c.Type), c.NotNull != 0 || c.Pk != 0, c.Default))],
                string.Join(", ", columns.Where(c => c.Pk != 0).OrderBy(c => c.Pk).Select(c => c.Name)),
                Sorted(indexes),
                Sorted(uniques),
                Sorted(foreignKeys),
                [.. triggers]));
        }

        return shapes;
    }

    /// <summary>The shape of every table in the connection's current schema but the migration history.</summary>
    public static async Task<IReadOnlyList<TableShape>> OfPostgresAsync(DbConnection connection)
    {
        var tables = await connection.QueryAsync<string>(
            """
            SELECT c.relname FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace
            WHERE n.nspname = current_schema() AND c.relkind = 'r' AND c.relname <> 'schema_migrations'
            ORDER BY c.relname COLLATE "C"
            """);
        var shapes = new List<TableShape>();
        foreach (var table in tables)
        {
            var columns = await connection.QueryAsync<(string Name, string Type, string Nullable, string? Default)>(
                """
                SELECT column_name::text, data_type::text, is_nullable::text, column_default::text FROM information_schema.columns
                WHERE table_schema = current_schema() AND table_name = @table ORDER BY ordinal_position
                """, new { table });
            var primaryKey = await connection.QueryAsync<string>(
                $"SELECT {ColumnsOf("c.conkey", "c.conrelid")} FROM pg_constraint c WHERE c.conrelid = @table::regclass AND c.contype = 'p'", new { table });
            var indexes = await connection.QueryAsync<(string Name, bool Unique, bool Partial, string Columns)>(
                """
                SELECT i.relname::text, x.indisunique, x.indpred IS NOT NULL,
                       (SELECT string_agg(pg_get_indexdef(x.indexrelid, k, true), '|' ORDER BY k) FROM generate_series(1, x.indnatts) k)
                FROM pg_index x JOIN pg_class i ON i.oid = x.indexrelid
                WHERE x.indrelid = @table::regclass AND NOT EXISTS (SELECT 1 FROM pg_constraint c WHERE c.conindid = x.indexrelid)
                """, new { table });
            var uniques = await connection.QueryAsync<string>(
                $"SELECT {ColumnsOf("c.conkey", "c.conrelid")} FROM pg_constraint c WHERE c.conrelid = @table::regclass AND c.contype = 'u'", new { table });
            var foreignKeys = await connection.QueryAsync<(string From, string Table, string To, string OnDelete)>(
                $"""
                SELECT {ColumnsOf("c.conkey", "c.conrelid")}, c.confrelid::regclass::text, {ColumnsOf("c.confkey", "c.confrelid")},
                       CASE c.confdeltype WHEN 'a' THEN 'NO ACTION' WHEN 'c' THEN 'CASCADE' WHEN 'r' THEN 'RESTRICT' WHEN 'n' THEN 'SET NULL' ELSE 'SET DEFAULT' END
                FROM pg_constraint c WHERE c.conrelid = @table::regclass AND c.contype = 'f'
                """, new { table });
            var triggers = await connection.QueryAsync<string>(
                "SELECT tgname::text FROM pg_trigger WHERE tgrelid = @table::regclass AND NOT tgisinternal ORDER BY tgname COLLATE \"C\"", new { table });

            shapes.Add(new TableShape(
                table,
                [.. columns.Select(c => Column(c.Name, c.Type, c.Nullable == "NO", TypeCast().Replace(c.Default ?? "", "") is { Length: > 0 } d ? d : null))],
                primaryKey.SingleOrDefault() ?? "",
                Sorted(indexes.Select(i => Index(i.Name, i.Unique, i.Partial, [.. i.Columns.Split('|').Select(c => PlainColumn().IsMatch(c) ? c : Expression)]))),
                Sorted(uniques),
                Sorted(foreignKeys.Select(f => ForeignKey([f.From], f.Table, [f.To], f.OnDelete))),
                [.. triggers]));
        }

        return shapes;
    }

    private const string Expression = "(expression)";

    private static string ColumnsOf(string keys, string relation) =>
        $"(SELECT string_agg(a.attname::text, ', ' ORDER BY k.n) FROM unnest({keys}) WITH ORDINALITY k(attnum, n) " +
        $"JOIN pg_attribute a ON a.attrelid = {relation} AND a.attnum = k.attnum)";

    private static string Column(string name, string type, bool notNull, string? defaultValue) =>
        $"{name} {type}{(notNull ? " NOT NULL" : "")}{(defaultValue is null ? "" : $" DEFAULT {defaultValue}")}";

    private static string Index(string name, bool unique, bool partial, IReadOnlyList<string> columns) =>
        $"{(unique ? "unique " : "")}{name} ({string.Join(", ", columns)}){(partial ? " WHERE ..." : "")}";

    private static string ForeignKey(IReadOnlyList<string> from, string table, IReadOnlyList<string> to, string onDelete) =>
        $"({string.Join(", ", from)}) REFERENCES {table} ({string.Join(", ", to)}) ON DELETE {onDelete}";

    private static string PostgresTypeOf(string sqliteType) => sqliteType switch
    {
        "INTEGER" => "bigint",
        "TEXT" => "text",
        "BLOB" => "bytea",
        "REAL" => "double precision",
        _ => throw new InvalidOperationException($"the SQLite schema declares a column {sqliteType}, which the PostgreSQL schema has no rule for"),
    };

    private static List<string> Sorted(IEnumerable<string> items) => [.. items.Order(StringComparer.Ordinal)];

    [GeneratedRegex("::[a-z ]+$")]
    private static partial Regex TypeCast();

    [GeneratedRegex("^[a-z_][a-z0-9_]*$")]
    private static partial Regex PlainColumn();
}
