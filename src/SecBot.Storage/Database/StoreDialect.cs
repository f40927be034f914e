namespace SecBot.Storage.Database;

/// <summary>
/// The SQL that differs between database providers, behind the provider-neutral store: each provider supplies its own
/// (issue 14: SQLite now, PostgreSQL next). Repositories ask the store's transaction instead of writing dialect SQL.
/// </summary>
internal abstract class StoreDialect
{
    /// <summary>A query for the next id of <paramref name="table"/>, valid inside the write transaction that inserts it.</summary>
    public abstract string NextIdSql(NumberedTable table);

    /// <summary>Whether <paramref name="exception"/> is the provider refusing a statement for violating <paramref name="constraint"/>.</summary>
    public abstract bool IsViolation(Exception exception, StoreConstraint constraint);

    protected static string TableName(NumberedTable table) => table switch
    {
        NumberedTable.Incidents => "incidents",
        NumberedTable.Gates => "gates",
        _ => throw new ArgumentOutOfRangeException(nameof(table), table, "not a numbered table"),
    };
}
