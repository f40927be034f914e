using Microsoft.Extensions.Logging.Abstractions;
using Npgsql;
using SecBot.Host.Ledger;
using SecBot.Storage;
using SecBot.Storage.Database;
using SecBot.Storage.Migrations;
using SecBot.Storage.Tests.Support;

namespace SecBot.Host.Tests.Ledger;

/// <summary><c>ledger verify</c> and <c>export</c> on the database that <c>SecBot:Database:Provider</c> Postgres names.</summary>
[Collection(PostgresCollection.Name)]
public sealed class LedgerCommandOnPostgresTests(PostgresFixture fixture)
{
    private static int _databases;

    [Fact]
    public async Task Verify_reads_the_postgres_database_the_settings_name_and_finds_a_record_rewritten_behind_its_guards()
    {
        var connectionString = await LedgerOnPostgresAsync();

        var intact = await RunAsync(connectionString, "verify");
        Assert.Equal(0, intact.ExitCode);
        Assert.Contains($"ledger verified: {LedgerDatabase.Records} records intact", intact.Output, StringComparison.Ordinal);

        await ExecuteAsync(connectionString, "ALTER TABLE signoffs DISABLE TRIGGER USER; UPDATE signoffs SET comment = 'rewritten' WHERE id = 2; ALTER TABLE signoffs ENABLE TRIGGER USER");
        var rewritten = await RunAsync(connectionString, "verify");

        Assert.Equal(1, rewritten.ExitCode);
        Assert.Contains("FAILED at record 2 (REV-1): hash mismatch", rewritten.Error, StringComparison.Ordinal);
        Assert.DoesNotContain("ledger verified", rewritten.Output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Export_writes_every_record_of_the_postgres_ledger()
    {
        var connectionString = await LedgerOnPostgresAsync();

        var run = await RunAsync(connectionString, "export", "--format", "jsonl");

        Assert.Equal(0, run.ExitCode);
        Assert.Equal(LedgerDatabase.Records, run.Output.Split('\n', StringSplitOptions.RemoveEmptyEntries).Length);
    }

    [Fact]
    public async Task An_unreachable_postgres_database_is_a_clear_failure_not_a_crash()
    {
        var run = await RunAsync("Host=127.0.0.1;Port=1;Database=secbot;Username=secbot;Timeout=2", "verify");

        Assert.Equal(1, run.ExitCode);
        Assert.Contains("cannot be read as this build's schema", run.Error, StringComparison.Ordinal);
    }

    private async Task<string> LedgerOnPostgresAsync()
    {
        var connectionString = await fixture.Server.CreateDatabaseAsync($"ledger_command_{Environment.ProcessId}_{Interlocked.Increment(ref _databases)}");
        var options = new DatabaseOptions { Provider = DatabaseProvider.Postgres, ConnectionString = connectionString };
        await using var database = new PostgresDatabase(options, NullLogger<PostgresDatabase>.Instance);
        await new MigrationRunner(database, TimeProvider.System, NullLogger<MigrationRunner>.Instance).ApplyAsync(cancellationToken: CancellationToken.None);
        await LedgerDatabase.SeedAsync(new PostgresStore(database, TimeProvider.System, NullLogger<PostgresStore>.Instance));
        return connectionString;
    }

    private static async Task ExecuteAsync(string connectionString, string sql)
    {
        await using var connection = new NpgsqlConnection(connectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand(sql, connection);
        await command.ExecuteNonQueryAsync();
    }

    private static async Task<(int ExitCode, string Output, string Error)> RunAsync(string connectionString, params string[] args)
    {
        var output = new StringWriter();
        var error = new StringWriter();
        var exit = await LedgerCommand.RunAsync(
            [.. args, "--SecBot:Database:Provider=Postgres", $"--SecBot:Database:ConnectionString={connectionString}"], output, error);
        return (exit, output.ToString(), error.ToString());
    }
}
