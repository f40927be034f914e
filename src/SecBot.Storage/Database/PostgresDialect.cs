using System.Data;
using System.Data.Common;
using Npgsql;

namespace SecBot.Storage.Database;

/// <summary>
/// PostgreSQL's SQL, for several replicas writing at once under READ COMMITTED: ids come from each table's identity
/// sequence, rows to work on are locked with <c>FOR UPDATE SKIP LOCKED</c>, and what must stay linear takes turns on a
/// transaction-scoped advisory lock.
/// </summary>
internal sealed class PostgresDialect : StoreDialect
{
    public static PostgresDialect Instance { get; } = new();

    // The advisory lock keys of the serialized sections: one namespace (the first key) for SecBot, one key per section.
    private const int AdvisoryNamespace = 0x5EC0B07;

    public override DatabaseProvider Provider => DatabaseProvider.Postgres;

    public override string LockSkippingLocked => " FOR UPDATE SKIP LOCKED";

    public override string InList(string column, string parameter) => $"{column} = ANY(@{parameter})";

    public override string CreateHistoryTableSql => """
        CREATE TABLE IF NOT EXISTS schema_migrations (
            version     bigint NOT NULL PRIMARY KEY,
            name        text   NOT NULL,
            applied_at  bigint NOT NULL
        );
        """;

    public override string HistoryTableExistsSql =>
        "SELECT count(*) FROM pg_catalog.pg_tables WHERE schemaname = current_schema() AND tablename = 'schema_migrations'";

    public override bool IsViolation(Exception exception, StoreConstraint constraint) =>
        exception is PostgresException postgres && postgres.SqlState == constraint switch
        {
            StoreConstraint.Unique => PostgresErrorCodes.UniqueViolation,
            StoreConstraint.ForeignKey => PostgresErrorCodes.ForeignKeyViolation,
            _ => throw new ArgumentOutOfRangeException(nameof(constraint), constraint, "not a constraint SecBot handles"),
        };

    // The clash may come wrapped (a timer handler's failure carries it as its inner exception).
    public override bool IsConflict(Exception exception)
    {
        for (Exception? current = exception; current is not null; current = current.InnerException)
        {
            if (current is DBConcurrencyException
                || current is PostgresException { SqlState: PostgresErrorCodes.SerializationFailure or PostgresErrorCodes.DeadlockDetected })
            {
                return true;
            }
        }

        return false;
    }

    public override string NextIdSql(NumberedTable table) => $"SELECT nextval(pg_get_serial_sequence('{TableName(table)}', 'id'))";

    public override string Greatest(string left, string right) => $"greatest({left}, {right})";

    public override string Least(string left, string right) => $"least({left}, {right})";

    // secbot_json_text (Migrations/Postgres) answers null for text that is not JSON instead of failing the query.
    public override string JsonText(string column, string field) => $"secbot_json_text({column}, '{field}')";

    public override string? TakeTurnSql(SerializedSection section) =>
        $"SELECT pg_advisory_xact_lock({AdvisoryNamespace}, {(int)section})";

    public override async Task<DbTransaction> BeginMigrationAsync(DbConnection connection, CancellationToken cancellationToken)
    {
        var transaction = await connection.BeginTransactionAsync(cancellationToken);
        await using var command = connection.CreateCommand();
        command.Transaction = transaction;
        command.CommandText = TakeTurnSql(SerializedSection.Migrations);
        await command.ExecuteNonQueryAsync(cancellationToken);
        return transaction;
    }
}
