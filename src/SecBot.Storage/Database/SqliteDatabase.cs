using System.Data.Common;
using System.Runtime.CompilerServices;
using Dapper;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.Logging;

namespace SecBot.Storage.Database;

/// <summary>
/// The SQLite file: builds the connection string and opens connections with the production
/// settings. One instance per file for the process (register it as a singleton).
/// </summary>
public sealed partial class SqliteDatabase : StoreDatabase
{
    public static readonly TimeSpan BusyTimeout = TimeSpan.FromSeconds(5);

    // synchronous=NORMAL is safe with WAL: the file stays consistent and every commit survives a
    // crash of the process; only an OS crash or power loss can lose the last few commits. FULL
    // would add an fsync to every commit for protection against that alone.
    //
    // Reads go through a memory map of the file (mmap_size) and a larger page cache, instead of SQLite's default
    // 2 MiB cache and a pread system call per missed page: under load that copying was a third of the process's
    // CPU (perf, slack-load bench). Both only bound memory; the map is shared with the OS page cache.
    private static readonly string PerConnectionPragmas =
        $"PRAGMA busy_timeout = {(int)BusyTimeout.TotalMilliseconds}; PRAGMA synchronous = NORMAL; "
        + $"PRAGMA cache_size = -{PageCacheKibibytes};";

    private const long MemoryMapBytes = 1L << 30;
    private const int PageCacheKibibytes = 16 * 1024;

    // Native connections (the handles the pool hands out again and again) that already run with those pragmas.
    private static readonly ConditionalWeakTable<SQLitePCL.sqlite3, object> ConfiguredHandles = new();

    private readonly ILogger<SqliteDatabase> _logger;
    private bool _initialized;

    public SqliteDatabase(DatabaseOptions options, ILogger<SqliteDatabase> logger)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(logger);
        if (string.IsNullOrWhiteSpace(options.Path))
        {
            throw new ArgumentException($"{DatabaseOptions.SectionName}:Path must name the SQLite file.", nameof(options));
        }

        DapperConventions.EnsureRegistered();
        _logger = logger;
        FilePath = System.IO.Path.GetFullPath(options.Path);
        ConnectionString = new SqliteConnectionStringBuilder
        {
            DataSource = FilePath,
            Mode = SqliteOpenMode.ReadWriteCreate,
            Cache = SqliteCacheMode.Private,
            Pooling = true,
            ForeignKeys = true,
            DefaultTimeout = (int)BusyTimeout.TotalSeconds,
        }.ToString();
    }

    public string FilePath { get; }

    public string ConnectionString { get; }

    /// <summary>Opens a pooled connection with WAL, synchronous=NORMAL, foreign keys and a busy timeout in force.</summary>
    public async Task<SqliteConnection> OpenConnectionAsync(CancellationToken cancellationToken)
    {
        EnsureDirectoryExists();
        var connection = new SqliteConnection(ConnectionString);
        try
        {
            await connection.OpenAsync(cancellationToken);

            // The pool hands the same native connection out again and again, and a pragma stays set on it for its
            // life: so they run once per native connection, not on every open (they cost as much as a small query).
            // Only this class opens connections to the file, so nothing else changes them behind its back.
            var handle = connection.Handle!;
            if (!ConfiguredHandles.TryGetValue(handle, out _))
            {
                await connection.ExecuteAsync(new CommandDefinition(PerConnectionPragmas, cancellationToken: cancellationToken));
                ConfiguredHandles.AddOrUpdate(handle, handle);
            }

            await EnsureWriteAheadLogAsync(connection, cancellationToken);
            return connection;
        }
        catch
        {
            await connection.DisposeAsync();
            throw;
        }
    }

    public override DatabaseProvider Provider => DatabaseProvider.Sqlite;

    public override string Location => FilePath;

    public override async Task<DbConnection> OpenAsync(CancellationToken cancellationToken) => await OpenConnectionAsync(cancellationToken);

    protected override bool IsUnavailable(Exception exception) => exception is SqliteException or IOException or UnauthorizedAccessException;

    protected override void OnPingFailed(Exception exception) => LogPingFailed(exception);

    private void EnsureDirectoryExists()
    {
        if (Volatile.Read(ref _initialized))
        {
            return;
        }

        var directory = System.IO.Path.GetDirectoryName(FilePath);
        if (!string.IsNullOrEmpty(directory))
        {
            Directory.CreateDirectory(directory);
        }
    }

    // journal_mode=WAL is stored in the file, so it is set once per process rather than per connection.
    private async Task EnsureWriteAheadLogAsync(SqliteConnection connection, CancellationToken cancellationToken)
    {
        if (Volatile.Read(ref _initialized))
        {
            return;
        }

        var mode = await connection.ExecuteScalarAsync<string>(
            new CommandDefinition("PRAGMA journal_mode = WAL;", cancellationToken: cancellationToken));
        if (!string.Equals(mode, "wal", StringComparison.OrdinalIgnoreCase))
        {
            LogWriteAheadLogRefused(FilePath, mode ?? "(none)");
        }

        Volatile.Write(ref _initialized, true);
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "SQLite refused WAL journaling for {FilePath}; journal mode is {JournalMode}")]
    private partial void LogWriteAheadLogRefused(string filePath, string journalMode);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Database readiness check failed")]
    private partial void LogPingFailed(Exception exception);
}
