using System.Data.Common;
using Npgsql;

namespace SecBot.Storage.Database;

/// <summary>
/// The SQL that differs between database providers, behind the provider-neutral store: everything else SecBot runs is
/// the same text on both. Repositories ask for these pieces instead of writing a provider's dialect.
/// </summary>
internal abstract class StoreDialect
{
    public abstract DatabaseProvider Provider { get; }

    /// <summary>A query for the next id of <paramref name="table"/>, valid inside the write transaction that inserts it.</summary>
    public abstract string NextIdSql(NumberedTable table);

    /// <summary>Whether <paramref name="exception"/> is the provider refusing a statement for violating <paramref name="constraint"/>.</summary>
    public abstract bool IsViolation(Exception exception, StoreConstraint constraint);

    /// <summary>Whether <paramref name="exception"/> is a clash with a concurrent writer, after which the whole write may simply run again.</summary>
    public abstract bool IsConflict(Exception exception);

    /// <summary>Appended to a SELECT of rows to work on: on a provider with several writers, takes them and skips rows another writer holds.</summary>
    public abstract string LockSkippingLocked { get; }

    /// <summary>
    /// <paramref name="column"/> is one of the values of the array parameter <c>@<paramref name="parameter"/></c>: Dapper
    /// expands <c>IN @list</c> for SQLite, while Npgsql takes the array as one parameter, for <c>= ANY(@list)</c>.
    /// </summary>
    public abstract string InList(string column, string parameter);

    /// <summary>The larger of two values (a scalar function: <c>max(a, b)</c> on SQLite, <c>greatest(a, b)</c> on PostgreSQL).</summary>
    public abstract string Greatest(string left, string right);

    /// <summary>The smaller of two values (<c>min(a, b)</c> on SQLite, <c>least(a, b)</c> on PostgreSQL).</summary>
    public abstract string Least(string left, string right);

    /// <summary>The text of top-level <paramref name="field"/> of the JSON in <paramref name="column"/>; null when the column is not JSON.</summary>
    public abstract string JsonText(string column, string field);

    /// <summary>
    /// A statement that makes concurrent writers of <paramref name="section"/> take turns until their transactions end;
    /// null where the store already has one writer at a time.
    /// </summary>
    public abstract string? TakeTurnSql(SerializedSection section);

    /// <summary>Creates the migration history table when it is missing.</summary>
    public abstract string CreateHistoryTableSql { get; }

    /// <summary>Whether the migration history table exists (a count: 0 or 1).</summary>
    public abstract string HistoryTableExistsSql { get; }

    /// <summary>Begins the transaction one migration runs in, so that two processes starting together cannot both apply it.</summary>
    public abstract Task<DbTransaction> BeginMigrationAsync(DbConnection connection, CancellationToken cancellationToken);

    public static StoreDialect For(DatabaseProvider provider) => provider switch
    {
        DatabaseProvider.Sqlite => SqliteDialect.Instance,
        DatabaseProvider.Postgres => PostgresDialect.Instance,
        _ => throw new ArgumentOutOfRangeException(nameof(provider), provider, "not a database provider SecBot knows"),
    };

    /// <summary>The dialect of an open connection from a store (reads get only the connection).</summary>
    public static StoreDialect For(DbConnection connection) =>
        connection is NpgsqlConnection ? PostgresDialect.Instance : SqliteDialect.Instance;

    protected static string TableName(NumberedTable table) => table switch
    {
        NumberedTable.Incidents => "incidents",
        NumberedTable.Gates => "gates",
        _ => throw new ArgumentOutOfRangeException(nameof(table), table, "not a numbered table"),
    };
}
