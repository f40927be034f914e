using Dapper;
using Npgsql;
using SecBot.Storage.Ledger;
using SecBot.Storage.Tests.Support;

namespace SecBot.Storage.Tests.Postgres;

/// <summary><c>ledger verify</c> and <c>ledger export</c> on PostgreSQL: the same chain checks, and guard checks against what Migrations/Postgres creates.</summary>
[Collection(PostgresCollection.Name)]
public sealed class PostgresLedgerTests(PostgresFixture fixture) : IAsyncLifetime
{
    private NpgsqlConnection? _connection;

    private NpgsqlConnection Connection => _connection!;

    public async Task InitializeAsync()
    {
        _connection = new NpgsqlConnection(await PostgresSchema.CreateAsync(fixture.Server, $"ledger_{Guid.NewGuid():N}"));
        await _connection.OpenAsync();
        await LedgerRows.SeedAsync(_connection);
    }

    public async Task DisposeAsync()
    {
        if (_connection is not null) await _connection.DisposeAsync();
    }

    [Fact]
    public async Task A_chain_written_as_the_ledger_writes_it_verifies_with_every_guard_in_place()
    {
        var verification = await LedgerVerifier.VerifyAsync(Connection, CancellationToken.None);

        Assert.True(verification.IsIntact, string.Join("; ", verification.Problems));
        Assert.Equal((3L, 3L, LedgerRows.Records[^1].Hash), (verification.RecordsVerified, verification.LastId, verification.HeadHash));
        Assert.Equal(
            ["signoffs_refuse_delete", "signoffs_refuse_fork", "signoffs_refuse_replace", "signoffs_refuse_truncate", "signoffs_refuse_update"],
            PostgresLedgerGuards.Names);
    }

    [Fact]
    public async Task Verify_reads_in_a_read_only_transaction_and_leaves_the_connection_as_it_found_it()
    {
        await LedgerVerifier.VerifyAsync(Connection, CancellationToken.None);
        await LedgerVerifier.VerifyAsync(Connection, CancellationToken.None);

        Assert.Equal("off", await Connection.ExecuteScalarAsync<string>("SHOW transaction_read_only"));
        await Connection.ExecuteAsync("UPDATE signoffs SET is_stale = 0 WHERE id = 2");
    }

    [Fact]
    public async Task A_comment_rewritten_with_the_guard_switched_off_and_on_again_is_reported_at_its_record()
    {
        await Connection.ExecuteAsync(
            """
            ALTER TABLE signoffs DISABLE TRIGGER signoffs_refuse_update;
            UPDATE signoffs SET comment = 'no objections' WHERE id = 2;
            ALTER TABLE signoffs ENABLE TRIGGER signoffs_refuse_update;
            """);

        var verification = await LedgerVerifier.VerifyAsync(Connection, CancellationToken.None);

        var fault = Assert.IsType<LedgerFault>(verification.Fault);
        Assert.Equal((2L, LedgerFaultKind.HashMismatch), (fault.Id, fault.Kind));
        Assert.Equal(1, verification.RecordsVerified);
        Assert.Empty(verification.Problems);
    }

    [Fact]
    public async Task A_stale_flag_set_outside_a_resubmission_and_a_gate_whose_requester_changed_are_reported()
    {
        await Connection.ExecuteAsync("UPDATE signoffs SET is_stale = 1 WHERE id = 2");

        var stale = Assert.IsType<LedgerFault>((await LedgerVerifier.VerifyAsync(Connection, CancellationToken.None)).Fault);
        Assert.Equal((2L, LedgerFaultKind.StaleMismatch), (stale.Id, stale.Kind));

        await Connection.ExecuteAsync("UPDATE gates SET requester = 'amara' WHERE id = 1");
        var gate = Assert.IsType<LedgerFault>((await LedgerVerifier.VerifyAsync(Connection, CancellationToken.None)).Fault);
        Assert.Equal((1L, LedgerFaultKind.GateMismatch), (gate.Id, gate.Kind));
    }

    [Theory]
    [InlineData("ALTER TABLE signoffs DISABLE TRIGGER signoffs_refuse_update", "the guard trigger signoffs_refuse_update is disabled")]
    [InlineData("ALTER TABLE signoffs ENABLE REPLICA TRIGGER signoffs_refuse_fork", "the guard trigger signoffs_refuse_fork is disabled")]
    [InlineData("DROP TRIGGER signoffs_refuse_delete ON signoffs", "the guard trigger signoffs_refuse_delete is missing")]
    [InlineData(
        "CREATE OR REPLACE FUNCTION signoffs_refuse_delete() RETURNS trigger LANGUAGE plpgsql AS $$ BEGIN RETURN OLD; END; $$",
        "the guard trigger signoffs_refuse_delete is not as this build's migrations create it")]
    [InlineData(
        "DROP TRIGGER signoffs_refuse_replace ON signoffs; CREATE TRIGGER signoffs_refuse_replace BEFORE INSERT ON signoffs FOR EACH ROW WHEN (false) EXECUTE FUNCTION signoffs_refuse_replace()",
        "the guard trigger signoffs_refuse_replace is not as this build's migrations create it")]
    [InlineData(
        "DROP TRIGGER signoffs_refuse_truncate ON signoffs; CREATE TRIGGER signoffs_refuse_truncate BEFORE TRUNCATE ON signoffs FOR EACH STATEMENT EXECUTE FUNCTION timers_keep_parked()",
        "the guard trigger signoffs_refuse_truncate is not as this build's migrations create it")]
    [InlineData(
        "CREATE SCHEMA elsewhere; CREATE FUNCTION elsewhere.signoffs_refuse_update() RETURNS trigger LANGUAGE plpgsql AS $$ BEGIN RETURN NEW; END; $$; " +
        "DROP TRIGGER signoffs_refuse_update ON signoffs; CREATE TRIGGER signoffs_refuse_update BEFORE UPDATE ON signoffs FOR EACH ROW EXECUTE FUNCTION elsewhere.signoffs_refuse_update()",
        "the guard trigger signoffs_refuse_update is not as this build's migrations create it")]
    public async Task A_guard_disabled_dropped_or_replaced_is_reported_though_the_chain_verifies(string change, string problem)
    {
        await Connection.ExecuteAsync(change);

        var verification = await LedgerVerifier.VerifyAsync(Connection, CancellationToken.None);

        Assert.Null(verification.Fault);
        Assert.Equal(3, verification.RecordsVerified);
        Assert.StartsWith(problem, Assert.Single(verification.Problems), StringComparison.Ordinal);
    }

    [Fact]
    public void The_expected_guards_follow_later_scripts_that_replace_a_function_or_drop_a_trigger()
    {
        const string later =
            """
            CREATE OR REPLACE FUNCTION signoffs_refuse_delete() RETURNS trigger LANGUAGE plpgsql AS $$
            BEGIN
                RAISE EXCEPTION 'never';
            END;
            $$;

            DROP TRIGGER signoffs_refuse_truncate ON signoffs;
            """;

        var expected = PostgresLedgerGuards.Parse([.. Storage.Migrations.PostgresScripts.All, later]);

        Assert.DoesNotContain("signoffs_refuse_truncate", expected.Keys);
        Assert.EndsWith("\nplpgsql\n\nBEGIN\n    RAISE EXCEPTION 'never';\nEND;\n", expected["signoffs_refuse_delete"], StringComparison.Ordinal);
        Assert.Equal(PostgresLedgerGuards.Parse(Storage.Migrations.PostgresScripts.All)["signoffs_refuse_update"], expected["signoffs_refuse_update"]);
    }

    [Fact]
    public async Task Export_writes_the_same_bytes_from_PostgreSQL_as_from_SQLite_for_the_same_ledger()
    {
        await using var sqliteDatabase = await TemporaryDatabase.MigratedAsync();
        await using var sqlite = await sqliteDatabase.Database.OpenConnectionAsync(CancellationToken.None);
        await LedgerRows.SeedAsync(sqlite);

        foreach (var format in new[] { LedgerExportFormat.Csv, LedgerExportFormat.Jsonl })
        {
            foreach (DateTimeOffset? since in new DateTimeOffset?[] { null, DateTimeOffset.FromUnixTimeMilliseconds(2_000) })
            {
                await using var fromSqlite = new StringWriter();
                await using var fromPostgres = new StringWriter();
                var sqliteCount = await LedgerExporter.ExportAsync(sqlite, fromSqlite, format, since, CancellationToken.None);
                var postgresCount = await LedgerExporter.ExportAsync(Connection, fromPostgres, format, since, CancellationToken.None);

                Assert.Equal(since is null ? 3 : 2, postgresCount);
                Assert.Equal((sqliteCount, fromSqlite.ToString()), (postgresCount, fromPostgres.ToString()));
            }
        }
    }
}
