using Dapper;
using Npgsql;
using SecBot.Storage.Tests.Support;

namespace SecBot.Storage.Tests.Postgres;

/// <summary>
/// Migrations/Postgres builds the schema the SQLite migrations build, table for table and column for column, so the
/// same code reads both and a copy can go table by table, column by column.
/// </summary>
[Collection(PostgresCollection.Name)]
public sealed class PostgresSchemaTests(PostgresFixture fixture)
{
    [Fact]
    public async Task Every_SQLite_table_is_in_PostgreSQL_with_the_same_columns_in_the_same_order_and_the_same_keys_and_indexes()
    {
        var (sqlite, postgres) = await ShapesAsync("schema_shape");

        Assert.Equal(sqlite.Select(t => t.Name), postgres.Select(t => t.Name));
        foreach (var (expected, actual) in sqlite.Zip(postgres))
        {
            Assert.Equal(expected.Columns, actual.Columns);
            Assert.Equal(expected.PrimaryKey, actual.PrimaryKey);
            Assert.Equal(expected.Indexes, actual.Indexes);
            Assert.Equal(expected.UniqueConstraints, actual.UniqueConstraints);
            Assert.Equal(expected.ForeignKeys, actual.ForeignKeys);
        }
    }

    [Fact]
    public async Task Every_SQLite_trigger_is_in_PostgreSQL_by_name_and_only_the_truncate_guard_is_added()
    {
        var (sqlite, postgres) = await ShapesAsync("schema_triggers");

        var sqliteTriggers = sqlite.SelectMany(t => t.Triggers.Select(name => $"{t.Name}.{name}"));
        var postgresTriggers = postgres.SelectMany(t => t.Triggers.Select(name => $"{t.Name}.{name}"));
        Assert.Equal(
            sqliteTriggers.Append("signoffs.signoffs_refuse_truncate").Order(StringComparer.Ordinal),
            postgresTriggers.Order(StringComparer.Ordinal));
    }

    [Fact]
    public async Task Tables_SQLite_numbers_itself_take_ids_from_an_identity_that_accepts_explicit_ids_except_the_ledger()
    {
        var (sqlite, _) = await ShapesAsync("schema_identities");
        await using var connection = new NpgsqlConnection(await PostgresSchema.CreateAsync(fixture.Server, "schema_identities_pg"));
        await connection.OpenAsync();

        var identities = await connection.QueryAsync<string>(
            "SELECT table_name::text FROM information_schema.columns WHERE table_schema = current_schema() AND is_identity = 'YES' AND identity_generation = 'BY DEFAULT' AND column_name = 'id'");
        var numbered = sqlite.Where(t => t.PrimaryKey == "id" && t.Columns[0] == "id bigint NOT NULL").Select(t => t.Name).Where(t => t != "signoffs");
        Assert.Equal(numbered.Order(StringComparer.Ordinal), identities.Order(StringComparer.Ordinal));

        await connection.ExecuteAsync("INSERT INTO people (id, name, synced_at) VALUES ('maya', 'Maya', 0)");
        var reserved = await connection.ExecuteScalarAsync<long>("SELECT nextval(pg_get_serial_sequence('incidents', 'id'))");
        await connection.ExecuteAsync(
            "INSERT INTO incidents (id, title, type, level, declared_by, created_at, updated_at) VALUES (@reserved, 'Suspicious login', 'phishing', 'L1', 'maya', 0, 0)",
            new { reserved });
        var next = await connection.ExecuteScalarAsync<long>(
            "INSERT INTO incidents (title, type, level, declared_by, created_at, updated_at) VALUES ('Second', 'phishing', 'L1', 'maya', 0, 0) RETURNING id");
        Assert.Equal((1L, 2L), (reserved, next));
    }

    private async Task<(IReadOnlyList<TableShape> Sqlite, IReadOnlyList<TableShape> Postgres)> ShapesAsync(string name)
    {
        await using var sqliteDatabase = await TemporaryDatabase.MigratedAsync();
        await using var sqlite = await sqliteDatabase.Database.OpenConnectionAsync(CancellationToken.None);
        await using var postgres = new NpgsqlConnection(await PostgresSchema.CreateAsync(fixture.Server, name));
        await postgres.OpenAsync();
        return (await SchemaShape.OfSqliteAsync(sqlite), await SchemaShape.OfPostgresAsync(postgres));
    }
}
