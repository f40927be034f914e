using SecBot.Storage.Migrations;
using SecBot.Host.Tests.Ledger;
using SecBot.Host.Tests.Support;
using SecBot.Host.Transfer;

namespace SecBot.Host.Tests.Transfer;

/// <summary>
/// The command's arguments, usage and refusals, none of which needs a PostgreSQL server (an unreachable one is
/// refused by name). The copy itself is tested against a real server in SecBot.Storage.Tests (SqliteToPostgresTests).
/// </summary>
public sealed class MigrateToPostgresCommandTests
{
    private const string Unreachable = "Host=127.0.0.1;Port=1;Database=secbot;Username=secbot;Timeout=3";

    [Fact]
    public async Task Help_prints_the_usage_and_exits_0()
    {
        var run = await RunAsync("--help");

        Assert.Equal(0, run.ExitCode);
        Assert.Contains("usage: SecBot.Host migrate-to-postgres --from FILE --to CONNECTION_STRING", run.Output, StringComparison.Ordinal);
        Assert.Equal("", run.Error);
    }

    [Fact]
    public async Task The_program_dispatches_migrate_to_postgres_to_the_command()
    {
        var error = new StringWriter();

        var exit = await SecBotProgram.RunAsync(["migrate-to-postgres", "--to", Unreachable], error);

        Assert.Equal(2, exit);
        Assert.Contains("migrate-to-postgres: missing --from FILE", error.ToString(), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(new string[0], "missing --from FILE")]
    [InlineData(new[] { "--to", Unreachable }, "missing --from FILE")]
    [InlineData(new[] { "--from", "data/secbot.db" }, "missing --to CONNECTION_STRING")]
    [InlineData(new[] { "--from" }, "--from needs a value")]
    [InlineData(new[] { "--from", "a.db", "--to" }, "--to needs a value")]
    [InlineData(new[] { "--from", "a.db", "--from", "b.db", "--to", Unreachable }, "--from is given twice")]
    [InlineData(new[] { "--from", "a.db", "--to", Unreachable, "--to", Unreachable }, "--to is given twice")]
    [InlineData(new[] { "--form", "a.db", "--to", Unreachable }, "unknown option '--form': use --from and --to")]
    [InlineData(new[] { "a.db", Unreachable }, "unexpected argument 'a.db'")]
    [InlineData(new[] { "--from", "a.db", "--to", "Host=db;Colour=blue" }, "--to: it is not a PostgreSQL connection string")]
    [InlineData(new[] { "--from", "a.db", "--to=Database=secbot" }, "--to: the connection string names no Host")]
    [InlineData(new[] { "--from=a.db", "--to=Host=db" }, "--to: the connection string names no Database")]
    public async Task Bad_arguments_exit_2_naming_the_problem_with_the_usage(string[] args, string problem)
    {
        var run = await RunAsync(args);

        Assert.Equal(2, run.ExitCode);
        Assert.Contains($"migrate-to-postgres: {problem}", run.Error, StringComparison.Ordinal);
        Assert.Contains("usage: SecBot.Host migrate-to-postgres --from FILE --to CONNECTION_STRING", run.Error, StringComparison.Ordinal);
        Assert.Equal("", run.Output);
    }

    [Fact]
    public async Task A_from_file_that_does_not_exist_is_refused_with_exit_1()
    {
        using var dir = new TempDirectory();
        var missing = dir.File("data/secbot.db");

        var run = await RunAsync("--from", missing, "--to", Unreachable);

        Assert.Equal(1, run.ExitCode);
        Assert.Contains($"migrate-to-postgres: --from {missing}: there is no such file", run.Error, StringComparison.Ordinal);
        Assert.Contains(MigrateToPostgresCommand.ShortUsage, run.Error, StringComparison.Ordinal);
        Assert.False(File.Exists(missing));
    }

    [Fact]
    public async Task A_file_at_an_older_schema_version_is_refused_with_the_way_to_upgrade_it()
    {
        using var dir = new TempDirectory();
        var database = await LedgerDatabase.CreateAsync(dir, schemaVersion: 9);

        var run = await RunAsync("--from", database, "--to", Unreachable);

        Assert.Equal(1, run.ExitCode);
        Assert.Contains($"is at schema version 9; this build copies version {MigrationCatalog.Sqlite.LatestVersion}", run.Error, StringComparison.Ordinal);
        Assert.Contains("Start the service of this build once on it", run.Error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_broken_ledger_is_refused_before_the_target_is_contacted()
    {
        using var dir = new TempDirectory();
        var database = await LedgerDatabase.CreateAsync(dir);
        await LedgerDatabase.ExecuteAsync(database, "UPDATE signoffs SET is_stale = 1 WHERE id = 2");

        var run = await RunAsync("--from", database, "--to", Unreachable);

        Assert.Equal(1, run.ExitCode);
        Assert.Contains("does not verify, so it is not copied: first bad record record 2", run.Error, StringComparison.Ordinal);
        Assert.DoesNotContain("cannot connect", run.Error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task An_unreachable_target_is_refused_by_name_and_the_file_is_left_as_it_was()
    {
        using var dir = new TempDirectory();
        var database = await LedgerDatabase.CreateAsync(dir);
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        var before = await File.ReadAllBytesAsync(database);

        var run = await RunAsync("--from", database, "--to", Unreachable + ";Password=hunter2");

        Assert.Equal(1, run.ExitCode);
        Assert.Contains("--to: cannot connect to PostgreSQL at postgres://127.0.0.1:1/secbot", run.Error, StringComparison.Ordinal);
        Assert.Contains("no rows were committed to the target; the SQLite file is unchanged", run.Error, StringComparison.Ordinal);
        Assert.DoesNotContain("hunter2", run.Error, StringComparison.Ordinal);
        Assert.Equal(before, await File.ReadAllBytesAsync(database));
        // A read-only connection to a WAL-mode file may leave SQLite's side files beside it, but writes nothing into them.
        Assert.True(!File.Exists(database + "-wal") || new FileInfo(database + "-wal").Length == 0);
    }

    private static async Task<(int ExitCode, string Output, string Error)> RunAsync(params string[] args)
    {
        var output = new StringWriter();
        var error = new StringWriter();
        var exit = await MigrateToPostgresCommand.RunAsync(args, output, error);
        return (exit, output.ToString(), error.ToString());
    }
}
