using Microsoft.Data.Sqlite;

namespace SecBot.Storage.Database;

/// <summary>
/// SQLite's SQL: the next id is one past both <c>sqlite_sequence</c> (AUTOINCREMENT never reuses an id, even of a deleted
/// last row) and the highest id present. Safe because SQLite has one writer at a time (<c>BEGIN IMMEDIATE</c>).
/// </summary>
internal sealed class SqliteDialect : StoreDialect
{
    public static SqliteDialect Instance { get; } = new();

    // Extended result codes: SQLITE_CONSTRAINT_UNIQUE and SQLITE_CONSTRAINT_FOREIGNKEY.
    private const int UniqueFailed = 2067;
    private const int ForeignKeyFailed = 787;

    public override bool IsViolation(Exception exception, StoreConstraint constraint) =>
        exception is SqliteException sqlite && sqlite.SqliteExtendedErrorCode == constraint switch
        {
            StoreConstraint.Unique => UniqueFailed,
            StoreConstraint.ForeignKey => ForeignKeyFailed,
            _ => throw new ArgumentOutOfRangeException(nameof(constraint), constraint, "not a constraint SecBot handles"),
        };

    public override string NextIdSql(NumberedTable table)
    {
        var name = TableName(table);
        return $"SELECT max(coalesce((SELECT seq FROM sqlite_sequence WHERE name = '{name}'), 0), coalesce((SELECT max(id) FROM {name}), 0)) + 1";
    }
}
