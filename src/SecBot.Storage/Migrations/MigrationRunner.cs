using Dapper;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.Logging;
using SecBot.Storage.Database;

namespace SecBot.Storage.Migrations;

/// <summary>
/// Brings the database file up to this build's schema. Each pending migration runs in its own
/// transaction together with its <c>schema_migrations</c> row, so a failure leaves the file at the
/// last complete version, and running again applies only what is missing.
/// </summary>
public sealed partial class MigrationRunner
{
    private const string CreateHistoryTable = """
        CREATE TABLE IF NOT EXISTS schema_migrations (
            version     INTEGER NOT NULL PRIMARY KEY,
            name        TEXT    NOT NULL,
            applied_at  INTEGER NOT NULL
        ) STRICT;
        """;

    private readonly SqliteDatabase _database;
    private readonly TimeProvider _timeProvider;
    private readonly ILogger<MigrationRunner> _logger;

    public MigrationRunner(SqliteDatabase database, TimeProvider timeProvider, ILogger<MigrationRunner> logger)
    {
        ArgumentNullException.ThrowIfNull(database);
        ArgumentNullException.ThrowIfNull(timeProvider);
        ArgumentNullException.ThrowIfNull(logger);
        _database = database;
        _timeProvider = timeProvider;
        _logger = logger;
    }

    /// <summary>Every migration this build carries, in order.</summary>
    public static IReadOnlyList<Migration> Migrations => MigrationCatalog.All;

    public static int LatestVersion => MigrationCatalog.LatestVersion;

    /// <summary>
    /// Applies every migration not yet recorded, up to <paramref name="upToVersion"/> (all when null),
    /// and returns the ones it applied: empty when the schema was already there.
    /// </summary>
    public async Task<IReadOnlyList<Migration>> ApplyAsync(int? upToVersion = null, CancellationToken cancellationToken = default)
    {
        var target = upToVersion ?? LatestVersion;
        ArgumentOutOfRangeException.ThrowIfNegative(target, nameof(upToVersion));

        await using var connection = await _database.OpenConnectionAsync(cancellationToken);
        await connection.ExecuteAsync(new CommandDefinition(CreateHistoryTable, cancellationToken: cancellationToken));

        var startingVersion = await ReadSchemaVersionAsync(connection, null, cancellationToken);
        if (startingVersion > LatestVersion)
        {
            throw new InvalidOperationException(
                $"The database {_database.FilePath} has schema version {startingVersion}, newer than this build's {LatestVersion}; refusing to run against it.");
        }

        var applied = new List<Migration>();
        foreach (var migration in Migrations.Where(migration => migration.Version <= target))
        {
            if (await TryApplyAsync(connection, migration, cancellationToken))
            {
                applied.Add(migration);
            }
        }

        var version = await ReadSchemaVersionAsync(connection, null, cancellationToken);
        LogSchemaVersion(_database.FilePath, version, applied.Count);
        return applied;
    }

    public async Task<int> CurrentVersionAsync(CancellationToken cancellationToken = default)
    {
        await using var connection = await _database.OpenConnectionAsync(cancellationToken);
        return await ReadSchemaVersionAsync(connection, null, cancellationToken);
    }

    /// <summary>The highest applied migration; 0 for a file no migration has touched.</summary>
    internal static async Task<int> ReadSchemaVersionAsync(
        SqliteConnection connection, SqliteTransaction? transaction, CancellationToken cancellationToken)
    {
        var hasHistory = await connection.ExecuteScalarAsync<long>(new CommandDefinition(
            "SELECT count(*) FROM sqlite_schema WHERE type = 'table' AND name = 'schema_migrations'",
            transaction: transaction,
            cancellationToken: cancellationToken));
        if (hasHistory == 0)
        {
            return 0;
        }

        return (int)await connection.ExecuteScalarAsync<long>(new CommandDefinition(
            "SELECT coalesce(max(version), 0) FROM schema_migrations",
            transaction: transaction,
            cancellationToken: cancellationToken));
    }

    private async Task<bool> TryApplyAsync(SqliteConnection connection, Migration migration, CancellationToken cancellationToken)
    {
        // BEGIN IMMEDIATE, and the applied check inside it, so two processes starting together
        // cannot both apply the same script.
        await using var transaction = connection.BeginTransaction(deferred: false);
        var alreadyApplied = await connection.ExecuteScalarAsync<long>(new CommandDefinition(
            "SELECT count(*) FROM schema_migrations WHERE version = @Version",
            new { migration.Version },
            transaction,
            cancellationToken: cancellationToken));
        if (alreadyApplied > 0)
        {
            return false;
        }

        await connection.ExecuteAsync(new CommandDefinition(migration.Script, transaction: transaction, cancellationToken: cancellationToken));
        await connection.ExecuteAsync(new CommandDefinition(
            "INSERT INTO schema_migrations (version, name, applied_at) VALUES (@Version, @Name, @AppliedAt)",
            new { migration.Version, migration.Name, AppliedAt = _timeProvider.GetUtcNow() },
            transaction,
            cancellationToken: cancellationToken));
        await transaction.CommitAsync(CancellationToken.None);
        LogApplied(migration.Version, migration.Name);
        return true;
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Applied migration {Version} ({Name})")]
    private partial void LogApplied(int version, string name);

    [LoggerMessage(Level = LogLevel.Information, Message = "Database {FilePath} is at schema version {Version} ({AppliedCount} migrations applied now)")]
    private partial void LogSchemaVersion(string filePath, int version, int appliedCount);
}
