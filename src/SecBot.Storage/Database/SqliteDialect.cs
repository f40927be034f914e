using System.Data.Common;
using Microsoft.Data.Sqlite;

namespace SecBot.Storage.Database;

/// <summary>
/// SQLite's SQL: the next id is one past both <c>sqlite_sequence</c> (AUTOINCREMENT never reuses an id, even of a deleted
/// last row) and the highest id present. Safe, like every section here, because SQLite has one writer at a time
/// (<c>BEGIN IMMEDIATE</c>), so nothing needs locking rows or taking turns.
/// </summary>
internal sealed class SqliteDialect : StoreDialect
{
    public static SqliteDialect Instance { get; } = new();

    // Extended result codes: SQLITE_CONSTRAINT_UNIQUE and SQLITE_CONSTRAINT_FOREIGNKEY.
    private const int UniqueFailed = 2067;
    private const int ForeignKeyFailed = 787;

    public override DatabaseProvider Provider => DatabaseProvider.Sqlite;

    public override string LockSkippingLocked => "";

    public override string InList(string column, string parameter) => $"{column} IN @{parameter}";

    public override string CreateHistoryTableSql => """
        CREATE TABLE IF NOT EXISTS schema_migrations (
            version     INTEGER NOT NULL PRIMARY KEY,
            name        TEXT    NOT NULL,
            applied_at  INTEGER NOT NULL
        ) STRICT;
        """;

    public override string HistoryTableExistsSql =>
        "SELECT count(*) FROM sqlite_schema WHERE type = 'table' AND name = 'schema_migrations'";

    public override bool IsViolation(Exception exception, StoreConstraint constraint) =>
        exception is SqliteException sqlite && sqlite.SqliteExtendedErrorCode == constraint switch
        {
            StoreConstraint.Unique => UniqueFailed,
            StoreConstraint.ForeignKey => ForeignKeyFailed,
            _ => throw new ArgumentOutOfRangeException(nameof(constraint), constraint, "not a constraint SecBot handles"),
        };

    public override bool IsConflict(Exception exception) => false;

    public override string NextIdSql(NumberedTable table)
    {
        var name = TableName(table);
        return $"SELECT max(coalesce((SELECT seq FROM sqlite_sequence WHERE name = '{name}'), 0), coalesce((SELECT max(id) FROM {name}), 0)) + 1";
    }

    public override string Greatest(string left, string right) => $"max({left}, {right})";

    public override string Least(string left, string right) => $"min({left}, {right})";

    public override string JsonText(string column, string field) =>
        $"CASE WHEN json_valid({column}) THEN json_extract({column}, '$.{field}') END";

    public override string? TakeTurnSql(SerializedSection section) => null;

    // BEGIN IMMEDIATE: the write lock is taken at once, so two processes cannot both find a migration missing.
    public override Task<DbTransaction> BeginMigrationAsync(DbConnection connection, CancellationToken cancellationToken)
    {
        var sqlite = connection as SqliteConnection
            ?? throw new ArgumentException($"a SQLite migration needs a SQLite connection, not a {connection.GetType().Name}", nameof(connection));
        return Task.FromResult<DbTransaction>(sqlite.BeginTransaction(deferred: false));
    }
}
