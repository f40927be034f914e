using System.Data.Common;
using Dapper;
using Microsoft.Extensions.Logging;
using SecBot.Storage.Database;

namespace SecBot.Storage.Migrations;

/// <summary>
/// Brings the database up to this build's schema, with its provider's scripts. Each pending migration runs in its own
/// transaction together with its <c>schema_migrations</c> row, so a failure leaves the database at the last complete
/// version, and running again applies only what is missing. Processes starting together take turns (SQLite's
/// <c>BEGIN IMMEDIATE</c>, PostgreSQL's advisory lock), and each checks inside its turn what is already applied.
/// </summary>
public sealed partial class MigrationRunner
{
    private readonly StoreDatabase _database;
    private readonly TimeProvider _timeProvider;
    private readonly ILogger<MigrationRunner> _logger;

    public MigrationRunner(StoreDatabase database, TimeProvider timeProvider, ILogger<MigrationRunner> logger)
    {
        ArgumentNullException.ThrowIfNull(database);
        ArgumentNullException.ThrowIfNull(timeProvider);
        ArgumentNullException.ThrowIfNull(logger);
        _database = database;
        _timeProvider = timeProvider;
        _logger = logger;
    }

    /// <summary>Every migration this build carries for the database's provider, in order.</summary>
    public IReadOnlyList<Migration> Migrations => _database.Migrations.All;

    public int LatestVersion => _database.Migrations.LatestVersion;

    /// <summary>
    /// Applies every migration not yet recorded, up to <paramref name="upToVersion"/> (all when null),
    /// and returns the ones it applied: empty when the schema was already there.
    /// </summary>
    public async Task<IReadOnlyList<Migration>> ApplyAsync(int? upToVersion = null, CancellationToken cancellationToken = default)
    {
        var target = upToVersion ?? LatestVersion;
        ArgumentOutOfRangeException.ThrowIfNegative(target, nameof(upToVersion));
        var dialect = _database.Dialect;

        await using var connection = await _database.OpenAsync(cancellationToken);
        await using (var create = await dialect.BeginMigrationAsync(connection, cancellationToken))
        {
            await connection.ExecuteAsync(new CommandDefinition(dialect.CreateHistoryTableSql, transaction: create, cancellationToken: cancellationToken));
            await create.CommitAsync(CancellationToken.None);
        }

        var startingVersion = await ReadSchemaVersionAsync(connection, dialect, cancellationToken);
        if (startingVersion > LatestVersion)
        {
            throw new InvalidOperationException(
                $"The database {_database.Location} has schema version {startingVersion}, newer than this build's {LatestVersion}; refusing to run against it.");
        }

        var applied = new List<Migration>();
        foreach (var migration in Migrations.Where(migration => migration.Version <= target))
        {
            if (await TryApplyAsync(connection, dialect, migration, cancellationToken))
            {
                applied.Add(migration);
            }
        }

        var version = await ReadSchemaVersionAsync(connection, dialect, cancellationToken);
        LogSchemaVersion(_database.Location, version, applied.Count);
        return applied;
    }

    public async Task<int> CurrentVersionAsync(CancellationToken cancellationToken = default)
    {
        await using var connection = await _database.OpenAsync(cancellationToken);
        return await ReadSchemaVersionAsync(connection, _database.Dialect, cancellationToken);
    }

    /// <summary>The highest applied migration; 0 for a database no migration has touched.</summary>
    internal static async Task<int> ReadSchemaVersionAsync(DbConnection connection, StoreDialect dialect, CancellationToken cancellationToken)
    {
        var hasHistory = await connection.ExecuteScalarAsync<long>(new CommandDefinition(dialect.HistoryTableExistsSql, cancellationToken: cancellationToken));
        if (hasHistory == 0)
        {
            return 0;
        }

        return (int)await connection.ExecuteScalarAsync<long>(new CommandDefinition(
            "SELECT coalesce(max(version), 0) FROM schema_migrations", cancellationToken: cancellationToken));
    }

    private async Task<bool> TryApplyAsync(DbConnection connection, StoreDialect dialect, Migration migration, CancellationToken cancellationToken)
    {
        await using var transaction = await dialect.BeginMigrationAsync(connection, cancellationToken);
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

    [LoggerMessage(Level = LogLevel.Information, Message = "Database {Location} is at schema version {Version} ({AppliedCount} migrations applied now)")]
    private partial void LogSchemaVersion(string location, int version, int appliedCount);
}
