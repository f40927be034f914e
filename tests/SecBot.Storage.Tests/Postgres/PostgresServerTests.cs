using System.Diagnostics;
using Npgsql;
using SecBot.Storage.Tests.Support;
using Xunit.Abstractions;

namespace SecBot.Storage.Tests.Postgres;

[Collection(PostgresCollection.Name)]
public sealed class PostgresServerTests(PostgresFixture fixture, ITestOutputHelper output)
{
    private PostgresServer Server => fixture.Server;

    [Fact]
    public async Task The_server_is_PostgreSQL_15_on_127_0_0_1_serving_its_own_data_directory()
    {
        await using var connection = new NpgsqlConnection(Server.ConnectionString);
        await connection.OpenAsync();

        Assert.StartsWith("PostgreSQL 15.", await ScalarAsync<string>(connection, "SELECT version()"), StringComparison.Ordinal);
        Assert.Equal("127.0.0.1/32", await ScalarAsync<string>(connection, "SELECT inet_server_addr()::text"));
        Assert.Equal(Server.Port, await ScalarAsync<int>(connection, "SELECT inet_server_port()"));
        Assert.Equal(Server.DataDirectory, await ScalarAsync<string>(connection, "SHOW data_directory"));
        Assert.Equal("UTF8", await ScalarAsync<string>(connection, "SHOW server_encoding"));
    }

    [Fact]
    public async Task Databases_created_through_the_fixture_are_independent()
    {
        var first = await Server.CreateDatabaseAsync("independent_first");
        var second = await Server.CreateDatabaseAsync("independent_second");

        await using (var connection = new NpgsqlConnection(first))
        {
            await connection.OpenAsync();
            await ExecuteAsync(connection, "CREATE TABLE notes (body text NOT NULL); INSERT INTO notes VALUES ('only in first'), ('also in first')");
        }

        await using (var connection = new NpgsqlConnection(second))
        {
            await connection.OpenAsync();
            Assert.Equal("independent_second", await ScalarAsync<string>(connection, "SELECT current_database()"));
            Assert.Null(await ScalarAsync<string?>(connection, "SELECT to_regclass('notes')::text"));
            await ExecuteAsync(connection, "CREATE TABLE notes (body text NOT NULL); INSERT INTO notes VALUES ('only in second')");
            Assert.Equal(1L, await ScalarAsync<long>(connection, "SELECT count(*) FROM notes"));
        }

        await using (var connection = new NpgsqlConnection(first))
        {
            await connection.OpenAsync();
            Assert.Equal(2L, await ScalarAsync<long>(connection, "SELECT count(*) FROM notes"));
        }
    }

    [Theory]
    [InlineData("")]
    [InlineData("Upper")]
    [InlineData("9starts_with_digit")]
    [InlineData("quote\"d")]
    public async Task A_database_name_that_is_not_a_plain_identifier_is_refused_and_nothing_is_created(string name)
    {
        var refused = await Assert.ThrowsAsync<ArgumentException>(() => Server.CreateDatabaseAsync(name));

        Assert.Contains("a-z, 0-9 and _", refused.Message, StringComparison.Ordinal);
        await using var connection = new NpgsqlConnection(Server.ConnectionString);
        await connection.OpenAsync();
        Assert.Equal(0L, await ScalarAsync<long>(connection, $"SELECT count(*) FROM pg_database WHERE datname = '{name.Replace("'", "''", StringComparison.Ordinal)}'"));
    }

    [Fact]
    public async Task Disposing_a_server_stops_every_process_of_it_and_deletes_its_directory()
    {
        var started = Stopwatch.StartNew();
        var server = await PostgresServer.StartAsync();
        output.WriteLine($"StartAsync took {started.ElapsedMilliseconds} ms");
        int backend;
        await using (var connection = new NpgsqlConnection(server.ConnectionString))
        {
            await connection.OpenAsync();
            backend = await ScalarAsync<int>(connection, "SELECT pg_backend_pid()");
        }
        Assert.True(IsRunning(server.ProcessId));
        Assert.True(IsRunning(backend));
        Assert.NotEmpty(ProcessesNaming(server.Directory));

        var stopping = Stopwatch.StartNew();
        await server.DisposeAsync();
        output.WriteLine($"DisposeAsync took {stopping.ElapsedMilliseconds} ms");

        Assert.False(Directory.Exists(server.Directory));
        Assert.False(IsRunning(server.ProcessId));
        Assert.False(IsRunning(backend));
        Assert.Empty(ProcessesNaming(server.Directory));
    }

    [Fact]
    public async Task A_server_whose_test_process_dies_without_disposing_it_is_stopped_and_deleted_by_its_watchdog()
    {
        var server = await PostgresServer.StartAsync();
        try
        {
            server.ActAsIfTheTestProcessDied();

            // The watchdog works on its own; wait (bounded) for it to finish, its own exit included (it deletes the directory last).
            using var deadline = new CancellationTokenSource(TimeSpan.FromSeconds(90), TimeProvider.System);
            while ((Directory.Exists(server.Directory) || IsRunning(server.ProcessId) || ProcessesNaming(server.Directory).Count > 0)
                   && !deadline.IsCancellationRequested)
                await Task.Delay(TimeSpan.FromMilliseconds(50), TimeProvider.System, CancellationToken.None);

            Assert.False(Directory.Exists(server.Directory));
            Assert.False(IsRunning(server.ProcessId));
            Assert.Empty(ProcessesNaming(server.Directory));
        }
        finally
        {
            await server.DisposeAsync();
        }
    }

    private static bool IsRunning(int pid)
    {
        var stat = $"/proc/{pid}/stat";
        if (!File.Exists(stat)) return false;
        try
        {
            // The state follows the parenthesised command name; a zombie (Z) or dead (X) process runs nothing.
            var text = File.ReadAllText(stat);
            var state = text[(text.LastIndexOf(')') + 2)..][0];
            return state is not ('Z' or 'X');
        }
        catch (IOException)
        {
            return false;
        }
    }

    /// <summary>Processes whose command line names the directory: the postmaster (-D …/data) and the watchdog.</summary>
    private static List<int> ProcessesNaming(string directory) =>
        [.. Directory.GetDirectories("/proc")
            .Select(Path.GetFileName)
            .Select(name => int.TryParse(name, out var pid) ? pid : 0)
            .Where(pid => pid > 0 && pid != Environment.ProcessId && CommandLine(pid).Contains(directory, StringComparison.Ordinal))];

    private static string CommandLine(int pid)
    {
        try
        {
            return File.ReadAllText($"/proc/{pid}/cmdline").Replace('\0', ' ');
        }
        catch (IOException)
        {
            return "";
        }
        catch (UnauthorizedAccessException)
        {
            return "";
        }
    }

    private static async Task<T> ScalarAsync<T>(NpgsqlConnection connection, string sql)
    {
        await using var command = new NpgsqlCommand(sql, connection);
        var value = await command.ExecuteScalarAsync();
        return value is DBNull or null ? default! : (T)value;
    }

    private static async Task ExecuteAsync(NpgsqlConnection connection, string sql)
    {
        await using var command = new NpgsqlCommand(sql, connection);
        await command.ExecuteNonQueryAsync();
    }
}
