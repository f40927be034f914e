using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Net.Sockets;
using System.Text.RegularExpressions;
using Npgsql;

namespace SecBot.Storage.Tests.Support;

/// <summary>
/// A private PostgreSQL server for tests, started from the installed binaries: initdb into a temporary directory, a free
/// port on 127.0.0.1 with trust authentication from there only, no fsync. Disposing stops it and deletes the directory;
/// a test process that dies first leaves nothing running either (<see cref="PostgresWatchdog"/>).
/// </summary>
public sealed partial class PostgresServer : IAsyncDisposable
{
    public const string Superuser = "postgres";

    private static readonly TimeSpan ReadyTimeout = TimeSpan.FromSeconds(60);
    private static readonly TimeSpan PollInterval = TimeSpan.FromMilliseconds(50);
    private static readonly TimeSpan StopTimeout = TimeSpan.FromSeconds(60);
    private const int PortAttempts = 5;

    private readonly PostgresBinaries _binaries;
    private readonly ServerAccount _account;
    private readonly PostgresWatchdog _watchdog;
    private readonly Process _postmaster;
    private readonly ServerLog _log;
    private int _disposed;

    private PostgresServer(PostgresBinaries binaries, ServerAccount account, PostgresWatchdog watchdog, string directory, int port, Process postmaster, ServerLog log)
    {
        _binaries = binaries;
        _account = account;
        _watchdog = watchdog;
        Directory = directory;
        Port = port;
        _postmaster = postmaster;
        ProcessId = postmaster.Id;
        _log = log;
    }

    /// <summary>The temporary directory holding the data directory and the Unix socket; gone after dispose.</summary>
    public string Directory { get; }

    public string DataDirectory => DataDirectoryIn(Directory);

    public int Port { get; }

    /// <summary>The postmaster's pid; still readable after dispose, to check it is gone.</summary>
    public int ProcessId { get; }

    /// <summary>Npgsql connection string for the <c>postgres</c> database, as the superuser.</summary>
    public string ConnectionString => ConnectionStringFor("postgres");

    /// <exception cref="InvalidOperationException">PostgreSQL is not installed, cannot run as a non-root user, or did not start; the message says which.</exception>
    public static async Task<PostgresServer> StartAsync()
    {
        var binaries = await PostgresBinaries.FindAsync();
        var account = await ServerAccount.ResolveAsync();
        var directory = Path.Combine(Path.GetTempPath(), $"secbot-postgres-{Guid.NewGuid():N}");
        var socketDirectory = Path.Combine(directory, "socket");
        System.IO.Directory.CreateDirectory(socketDirectory);
        var watchdog = PostgresWatchdog.Watch(directory);
        try
        {
            await account.HandOverAsync(directory, socketDirectory);
            await InitializeAsync(binaries, account, DataDirectoryIn(directory));
            for (var attempt = 1; ; attempt++)
            {
                var port = FreePort();
                var (postmaster, log) = Launch(binaries, account, directory, socketDirectory, port);
                var server = new PostgresServer(binaries, account, watchdog, directory, port, postmaster, log);
                var outcome = await server.WaitUntilReadyAsync();
                if (outcome == Readiness.Ready) return server;
                postmaster.Dispose();
                if (outcome == Readiness.PortTaken && attempt < PortAttempts) continue;
                throw new InvalidOperationException(
                    $"PostgreSQL ({binaries.Postgres}) did not start on 127.0.0.1:{port} " +
                    $"({(outcome == Readiness.TimedOut ? $"not accepting connections after {ReadyTimeout}" : "it exited")}):{Environment.NewLine}{log}");
            }
        }
        catch
        {
            watchdog.Dispose();
            DeleteDirectory(directory);
            throw;
        }
    }

    public string ConnectionStringFor(string database) =>
        new NpgsqlConnectionStringBuilder
        {
            Host = IPAddress.Loopback.ToString(),
            Port = Port,
            Username = Superuser,
            Database = database,
            IncludeErrorDetail = true,
        }.ConnectionString;

    /// <summary>Creates an empty database (from template1) and returns its connection string.</summary>
    /// <exception cref="ArgumentException">The name is not a plain lower-case identifier.</exception>
    public async Task<string> CreateDatabaseAsync(string name)
    {
        if (!DatabaseName().IsMatch(name))
            throw new ArgumentException($"'{name}' is not a database name this harness creates: use 1-63 of a-z, 0-9 and _, starting with a letter or _.", nameof(name));
        await using (var connection = new NpgsqlConnection(ConnectionString))
        {
            await connection.OpenAsync();
            await using var create = new NpgsqlCommand($"CREATE DATABASE \"{name}\"", connection);
            await create.ExecuteNonQueryAsync();
        }
        return ConnectionStringFor(name);
    }

    public async ValueTask DisposeAsync()
    {
        if (Interlocked.Exchange(ref _disposed, 1) == 1) return;
        _watchdog.Dispose();
        try
        {
            await StopAsync();
        }
        finally
        {
            _postmaster.Dispose();
            // Idle pooled connections to this server are dead now; a later server on the same port must not be handed them.
            NpgsqlConnection.ClearAllPools();
            DeleteDirectory(Directory);
        }
    }

    /// <summary>For the watchdog's test: what the watchdog sees when this test process dies without disposing the server.</summary>
    internal void ActAsIfTheTestProcessDied() => _watchdog.ActAsIfTheTestProcessDied();

    private static string DataDirectoryIn(string directory) => Path.Combine(directory, "data");

    private static async Task InitializeAsync(PostgresBinaries binaries, ServerAccount account, string dataDirectory)
    {
        await ShortCommand.RunAsync(account.Command(
            binaries.InitDb,
            "-D", dataDirectory, "-U", Superuser, "-A", "trust", "-E", "UTF8", "--locale=C", "--no-sync", "--no-instructions"));
        // initdb also trusts the Unix socket and ::1; only 127.0.0.1 is wanted.
        await File.WriteAllTextAsync(Path.Combine(dataDirectory, "pg_hba.conf"), "host all all 127.0.0.1/32 trust\n");
    }

    private static int FreePort()
    {
        var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        try
        {
            return ((IPEndPoint)listener.LocalEndpoint).Port;
        }
        finally
        {
            listener.Stop();
        }
    }

    private static (Process Postmaster, ServerLog Log) Launch(PostgresBinaries binaries, ServerAccount account, string directory, string socketDirectory, int port)
    {
        var start = account.Command(
            binaries.Postgres,
            "-D", DataDirectoryIn(directory),
            "-p", port.ToString(CultureInfo.InvariantCulture),
            "-k", socketDirectory,
            "-c", "listen_addresses=127.0.0.1",
            "-c", "fsync=off",
            "-c", "full_page_writes=off");
        start.UseShellExecute = false;
        start.RedirectStandardInput = true;
        start.RedirectStandardOutput = true;
        start.RedirectStandardError = true;
        var postmaster = ShortCommand.StartOrExplain(start);
        var log = new ServerLog();
        log.Follow(postmaster);
        return (postmaster, log);
    }

    private enum Readiness { Ready, PortTaken, Exited, TimedOut }

    private async Task<Readiness> WaitUntilReadyAsync()
    {
        var probe = new NpgsqlConnectionStringBuilder(ConnectionString) { Pooling = false, Timeout = 5 }.ConnectionString;
        using var deadline = new CancellationTokenSource(ReadyTimeout, TimeProvider.System);
        while (!deadline.IsCancellationRequested)
        {
            if (_postmaster.HasExited)
            {
                await _postmaster.WaitForExitAsync(CancellationToken.None);
                return _log.Contains("Address already in use") ? Readiness.PortTaken : Readiness.Exited;
            }
            try
            {
                await using var connection = new NpgsqlConnection(probe);
                await connection.OpenAsync(deadline.Token);
                await using var show = new NpgsqlCommand("SHOW data_directory", connection);
                // Another test's server may have taken the port first; only ours counts.
                if (await show.ExecuteScalarAsync(deadline.Token) is string dataDirectory && dataDirectory == DataDirectory)
                    return Readiness.Ready;
            }
            catch (NpgsqlException)
            {
                // Not listening yet, or "the database system is starting up".
            }
            catch (OperationCanceledException)
            {
                break;
            }
            try
            {
                await Task.Delay(PollInterval, TimeProvider.System, deadline.Token);
            }
            catch (OperationCanceledException)
            {
                break;
            }
        }
        _postmaster.Kill(entireProcessTree: true);
        await _postmaster.WaitForExitAsync(CancellationToken.None);
        return Readiness.TimedOut;
    }

    private async Task StopAsync()
    {
        if (_postmaster.HasExited) return;
        try
        {
            await ShortCommand.RunAsync(
                _account.Command(_binaries.PgCtl, "stop", "-D", DataDirectory, "-m", "fast", "-w", "-t", ((int)StopTimeout.TotalSeconds).ToString(CultureInfo.InvariantCulture)),
                StopTimeout + TimeSpan.FromSeconds(10));
        }
        catch (InvalidOperationException)
        {
            _postmaster.Kill(entireProcessTree: true);
            await _postmaster.WaitForExitAsync(CancellationToken.None);
            throw new InvalidOperationException($"PostgreSQL on port {Port} did not stop on `pg_ctl stop -m fast` and was killed:{Environment.NewLine}{_log}");
        }
        using var deadline = new CancellationTokenSource(StopTimeout, TimeProvider.System);
        await _postmaster.WaitForExitAsync(deadline.Token);
    }

    private static void DeleteDirectory(string directory)
    {
        if (System.IO.Directory.Exists(directory)) System.IO.Directory.Delete(directory, recursive: true);
    }

    [GeneratedRegex("^[a-z_][a-z0-9_]{0,62}$")]
    private static partial Regex DatabaseName();
}
