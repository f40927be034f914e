using SecBot.Storage.Migrations;
using System.Globalization;
using Dapper;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.Logging.Abstractions;
using Npgsql;
using SecBot.Storage.Delivery;
using SecBot.Storage.Ledger;
using SecBot.Storage.Reviews;
using SecBot.Storage.Tests.Ledger;
using SecBot.Storage.Tests.Reviews;
using SecBot.Storage.Tests.Support;
using SecBot.Storage.Transfer;

namespace SecBot.Storage.Tests.Transfer;

[Collection(PostgresCollection.Name)]
public sealed class SqliteToPostgresTests(PostgresFixture fixture)
{
    [Fact]
    public async Task A_whole_installation_moves_with_every_row_equal_and_the_ledger_verifying_on_both_sides()
    {
        await using var source = await InstalledHistory.CreateAsync();
        await using var target = await TemporaryPostgresDatabase.EmptyAsync(fixture.Server);
        var tables = await SourceTablesAsync(source);
        foreach (var table in tables) Assert.True(await source.CountAsync(table) > 0, $"the installation should have rows in {table}");
        var fileBefore = await File.ReadAllBytesAsync(source.Database.FilePath);

        var summary = await Transfer(source).RunAsync(source.Database.FilePath, target.ConnectionString, CancellationToken.None);

        Assert.Equal(tables.Order(StringComparer.Ordinal), summary.Tables.Select(t => t.Name).Order(StringComparer.Ordinal));
        Assert.All(summary.Tables, t => Assert.Equal(t.SourceRows, t.TargetRows));
        var order = summary.Tables.Select(t => t.Name).ToList();
        Assert.True(order.IndexOf("people") < order.IndexOf("signoffs") && order.IndexOf("gates") < order.IndexOf("signoffs"));
        Assert.True(order.IndexOf("incident_channels") < order.IndexOf("incident_channel_members"));
        Assert.Equal(new LedgerHead(LedgerTestData.AuditedRecords, LedgerTestData.AuditedRecords, summary.LedgerBefore.Hash), summary.LedgerBefore);
        Assert.Equal(summary.LedgerBefore, summary.LedgerAfter);
        Assert.Equal(fileBefore, await File.ReadAllBytesAsync(source.Database.FilePath));

        await using (var sqlite = await source.Database.OpenConnectionAsync(CancellationToken.None))
        await using (var postgres = await target.Database.OpenConnectionAsync(CancellationToken.None))
        {
            foreach (var table in tables)
            {
                Assert.Equal(await RowsAsync(sqlite, table), await RowsAsync(postgres, table));
            }

            var onSqlite = await LedgerVerifier.VerifyAsync(sqlite, CancellationToken.None);
            var onPostgres = await LedgerVerifier.VerifyAsync(postgres, CancellationToken.None);
            Assert.True(onSqlite.IsIntact);
            Assert.True(onPostgres.IsIntact, string.Join("; ", onPostgres.Problems));
            Assert.Equal((onSqlite.RecordsVerified, onSqlite.LastId, onSqlite.HeadHash), (onPostgres.RecordsVerified, onPostgres.LastId, onPostgres.HeadHash));
        }

        // The service on PostgreSQL numbers on from the copy, past the number SQLite handed out to a row now gone.
        var incident = await InstalledHistory.DeclareAsync(target.Store, target.Time.GetUtcNow(), "After the move", "maya");
        Assert.Equal(InstalledHistory.VanishedIncident + 1, incident.Number);
        Assert.Equal(summary.Tables.Single(t => t.Name == "incidents").NextId, incident.Number);
        var gates = new GateRepository(target.Store);
        var gate = await target.Store.WriteAsync(
            async t =>
            {
                var number = await gates.NextNumberAsync(t);
                var opened = GateFixtures.Open(number, target.Time.GetUtcNow(), title: "After the move", ledger: true);
                Assert.True(await gates.SaveAsync(t, null, opened));
                return number;
            },
            CancellationToken.None);
        Assert.Equal(await source.ScalarAsync<long>("SELECT max(id) FROM gates") + 1, gate);
        var outboxId = await new OutboxRepository(target.Store).EnqueueAsync(new OutboxMessage("slack", "C-SEC", "chat.post", "after"), CancellationToken.None);
        Assert.Equal(summary.Tables.Single(t => t.Name == "outbox").NextId, outboxId);
        await using (var postgres = await target.Database.OpenConnectionAsync(CancellationToken.None))
        {
            var extended = await LedgerVerifier.VerifyAsync(postgres, CancellationToken.None);
            Assert.True(extended.IsIntact);
            Assert.Equal(LedgerTestData.AuditedRecords + 1, extended.RecordsVerified);
        }

        // A second run finds the target holding data and leaves it alone.
        var again = await Assert.ThrowsAsync<TransferRefusedException>(
            () => Transfer(source).RunAsync(source.Database.FilePath, target.ConnectionString, CancellationToken.None));
        Assert.Contains("already holds SecBot data", again.Message, StringComparison.Ordinal);
        Assert.Contains("incidents: 4 rows", again.Message, StringComparison.Ordinal);
        Assert.False(again.TargetChanged);
        await using (var postgres = await target.Database.OpenConnectionAsync(CancellationToken.None))
        {
            Assert.Equal(4L, await postgres.ExecuteScalarAsync<long>("SELECT count(*) FROM incidents"));
        }
    }

    [Fact]
    public async Task A_ledger_that_does_not_verify_is_refused_before_the_target_is_touched()
    {
        await using var source = await LedgerTestData.AuditedLedgerAsync();
        await InstalledHistory.TamperAsync(source, 5);
        await using var target = await TemporaryPostgresDatabase.EmptyAsync(fixture.Server);

        var refused = await Assert.ThrowsAsync<TransferRefusedException>(
            () => Transfer(source).RunAsync(source.Database.FilePath, target.ConnectionString, CancellationToken.None));

        Assert.Contains("does not verify, so it is not copied", refused.Message, StringComparison.Ordinal);
        Assert.Contains("record 5", refused.Message, StringComparison.Ordinal);
        Assert.Equal(0, await target.Migrations.CurrentVersionAsync(CancellationToken.None));
    }

    [Fact]
    public async Task An_empty_ledger_and_empty_tables_move_too()
    {
        await using var source = await TemporaryDatabase.MigratedAsync();
        await using var target = await TemporaryPostgresDatabase.EmptyAsync(fixture.Server);

        var summary = await Transfer(source).RunAsync(source.Database.FilePath, target.ConnectionString, CancellationToken.None);

        Assert.Equal(0, summary.TotalRows);
        Assert.Equal(new LedgerHead(0, 0, null), summary.LedgerAfter);
        var incident = await InstalledHistory.DeclareAsync(target.Store, target.Time.GetUtcNow(), "First on PostgreSQL", "maya", pages: false, lead: null);
        Assert.Equal(1, incident.Number);
    }

    [Fact]
    public async Task A_target_that_already_holds_rows_is_refused_and_left_as_it_was()
    {
        await using var source = await LedgerTestData.AuditedLedgerAsync();
        await using var target = await TemporaryPostgresDatabase.MigratedAsync(fixture.Server);
        await new OutboxRepository(target.Store).EnqueueAsync(new OutboxMessage("slack", "C-SEC", "chat.post", "already here"), CancellationToken.None);

        var refused = await Assert.ThrowsAsync<TransferRefusedException>(
            () => Transfer(source).RunAsync(source.Database.FilePath, target.ConnectionString, CancellationToken.None));

        Assert.Contains("(outbox: 1 row)", refused.Message, StringComparison.Ordinal);
        Assert.Contains("never merges into or overwrites", refused.Message, StringComparison.Ordinal);
        await using var postgres = await target.Database.OpenConnectionAsync(CancellationToken.None);
        Assert.Equal(0L, await postgres.ExecuteScalarAsync<long>("SELECT count(*) FROM signoffs"));
    }

    [Fact]
    public async Task A_table_postgres_refuses_rolls_the_whole_copy_back_and_a_second_run_copies_once_it_is_fixed()
    {
        await using var source = await LedgerTestData.AuditedLedgerAsync();
        await using var target = await TemporaryPostgresDatabase.MigratedAsync(fixture.Server);
        await using (var postgres = await target.Database.OpenConnectionAsync(CancellationToken.None))
        {
            await postgres.ExecuteAsync("ALTER TABLE incidents ADD CONSTRAINT no_exposures CHECK (title <> 'Customer data exposure')");
        }

        var refused = await Assert.ThrowsAsync<TransferRefusedException>(
            () => Transfer(source).RunAsync(source.Database.FilePath, target.ConnectionString, CancellationToken.None));

        Assert.Contains("PostgreSQL refused the rows of incidents", refused.Message, StringComparison.Ordinal);
        Assert.Contains("no_exposures", refused.Message, StringComparison.Ordinal);
        Assert.Contains("the copy was rolled back and nothing was committed", refused.Message, StringComparison.Ordinal);
        await using (var postgres = await target.Database.OpenConnectionAsync(CancellationToken.None))
        {
            Assert.Equal(0L, await postgres.ExecuteScalarAsync<long>("SELECT count(*) FROM people"));
            await postgres.ExecuteAsync("ALTER TABLE incidents DROP CONSTRAINT no_exposures");
        }

        var summary = await Transfer(source).RunAsync(source.Database.FilePath, target.ConnectionString, CancellationToken.None);
        Assert.Equal(LedgerTestData.AuditedRecords, summary.LedgerAfter.Records);
    }

    [Fact]
    public async Task A_ledger_guard_that_refuses_a_record_of_the_history_stops_the_copy_with_its_message()
    {
        await using var source = await LedgerTestData.AuditedLedgerAsync();
        await using var target = await TemporaryPostgresDatabase.MigratedAsync(fixture.Server);
        await using (var postgres = await target.Database.OpenConnectionAsync(CancellationToken.None))
        {
            // Stands in for a guard that refuses part of the history: the copy must stop, not go around it.
            await postgres.ExecuteAsync(
                """
                CREATE FUNCTION refuse_record_7() RETURNS trigger LANGUAGE plpgsql AS $$
                BEGIN
                    IF NEW.id = 7 THEN RAISE EXCEPTION 'signoffs are append-only: record 7 refused'; END IF;
                    RETURN NEW;
                END;
                $$;
                CREATE TRIGGER signoffs_refuse_record_7 BEFORE INSERT ON signoffs FOR EACH ROW EXECUTE FUNCTION refuse_record_7();
                """);
        }

        var refused = await Assert.ThrowsAsync<TransferRefusedException>(
            () => Transfer(source).RunAsync(source.Database.FilePath, target.ConnectionString, CancellationToken.None));

        Assert.Contains("PostgreSQL's ledger guard refused the copied history: signoffs are append-only: record 7 refused", refused.Message, StringComparison.Ordinal);
        Assert.Contains("COPY signoffs, line 7", refused.Message, StringComparison.Ordinal);
        Assert.Contains("nothing was committed", refused.Message, StringComparison.Ordinal);
        Assert.False(refused.TargetChanged);
        await using (var postgres = await target.Database.OpenConnectionAsync(CancellationToken.None))
        {
            Assert.Equal(0L, await postgres.ExecuteScalarAsync<long>("SELECT count(*) FROM signoffs"));
            Assert.Equal(0L, await postgres.ExecuteScalarAsync<long>("SELECT count(*) FROM gates"));
        }
    }

    [Fact]
    public async Task A_source_that_is_not_a_secbot_database_at_this_version_is_refused_by_name()
    {
        await using var old = TemporaryDatabase.Empty();
        await old.Migrations.ApplyAsync(9, CancellationToken.None);
        var transfer = new SqliteToPostgres(TimeProvider.System, NullLoggerFactory.Instance);
        const string Unused = "Host=127.0.0.1;Port=1;Database=secbot;Username=secbot";

        var outdated = await Assert.ThrowsAsync<TransferRefusedException>(() => transfer.RunAsync(old.Database.FilePath, Unused, CancellationToken.None));
        Assert.Contains($"is at schema version 9; this build copies version {MigrationCatalog.Sqlite.LatestVersion}", outdated.Message, StringComparison.Ordinal);
        Assert.Contains("Start the service of this build once on it", outdated.Message, StringComparison.Ordinal);

        var text = Path.Combine(old.Directory, "notes.txt");
        await File.WriteAllTextAsync(text, "this is not a database, just some words long enough to fill a SQLite header and then some more");
        var notSqlite = await Assert.ThrowsAsync<TransferRefusedException>(() => transfer.RunAsync(text, Unused, CancellationToken.None));
        Assert.Contains($"--from {text} cannot be read as a SQLite database", notSqlite.Message, StringComparison.Ordinal);

        var other = Path.Combine(old.Directory, "other.db");
        await using (var connection = new SqliteConnection($"Data Source={other};Pooling=False"))
        {
            await connection.OpenAsync();
            await connection.ExecuteAsync("CREATE TABLE notes (body TEXT)");
        }

        var foreign = await Assert.ThrowsAsync<TransferRefusedException>(() => transfer.RunAsync(other, Unused, CancellationToken.None));
        Assert.Contains("is not a SecBot database: it has no schema_migrations table", foreign.Message, StringComparison.Ordinal);

        var missing = await Assert.ThrowsAsync<TransferRefusedException>(() => transfer.RunAsync(Path.Combine(old.Directory, "nope.db"), Unused, CancellationToken.None));
        Assert.Contains("there is no such file", missing.Message, StringComparison.Ordinal);
        Assert.False(File.Exists(Path.Combine(old.Directory, "nope.db")));

        var directory = await Assert.ThrowsAsync<TransferRefusedException>(() => transfer.RunAsync(old.Directory, Unused, CancellationToken.None));
        Assert.Contains("is a directory", directory.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("", "the connection string is empty")]
    [InlineData("Host=db;Colour=blue", "it is not a PostgreSQL connection string")]
    [InlineData("Database=secbot", "names no Host")]
    [InlineData("Host=db;Username=secbot", "names no Database")]
    public async Task A_target_connection_string_that_does_not_parse_is_refused(string connectionString, string problem)
    {
        await using var source = await TemporaryDatabase.MigratedAsync();
        var refused = await Assert.ThrowsAsync<TransferRefusedException>(
            () => Transfer(source).RunAsync(source.Database.FilePath, connectionString, CancellationToken.None));
        Assert.StartsWith("--to: ", refused.Message, StringComparison.Ordinal);
        Assert.Contains(problem, refused.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_target_that_cannot_be_reached_is_refused_by_name()
    {
        await using var source = await TemporaryDatabase.MigratedAsync();
        var refused = await Assert.ThrowsAsync<TransferRefusedException>(() => Transfer(source).RunAsync(
            source.Database.FilePath, "Host=127.0.0.1;Port=1;Database=secbot;Username=secbot;Timeout=3", CancellationToken.None));
        Assert.Contains("--to: cannot connect to PostgreSQL at postgres://127.0.0.1:1/secbot", refused.Message, StringComparison.Ordinal);
    }

    private static SqliteToPostgres Transfer(TemporaryDatabase source) => new(source.Time, NullLoggerFactory.Instance);

    private static async Task<List<string>> SourceTablesAsync(TemporaryDatabase source)
    {
        await using var connection = await source.Database.OpenConnectionAsync(CancellationToken.None);
        return [.. await connection.QueryAsync<string>(
            "SELECT name FROM sqlite_schema WHERE type = 'table' AND name NOT LIKE 'sqlite%' AND name <> 'schema_migrations'")];
    }

    /// <summary>Every row, every column, as text that tells the types apart, sorted ordinally (not by either database's collation).</summary>
    private static async Task<List<string>> RowsAsync(System.Data.Common.DbConnection connection, string table)
    {
        await using var command = connection.CreateCommand();
        command.CommandText = $"SELECT * FROM {table}";
        await using var reader = await command.ExecuteReaderAsync();
        var rows = new List<string>();
        while (await reader.ReadAsync())
        {
            var values = new string[reader.FieldCount];
            for (var i = 0; i < reader.FieldCount; i++)
            {
                values[i] = reader.GetName(i) + "=" + reader.GetValue(i) switch
                {
                    DBNull => "NULL",
                    long number => number.ToString(CultureInfo.InvariantCulture),
                    string text => $"'{text}'",
                    byte[] bytes => Convert.ToHexString(bytes),
                    var other => $"{other.GetType().Name}:{other}",
                };
            }

            rows.Add(string.Join(" | ", values));
        }

        rows.Sort(StringComparer.Ordinal);
        return rows;
    }
}
