using System.Data.Common;
using SecBot.Storage.Migrations;

namespace SecBot.Storage.Database;

/// <summary>
/// The database a store runs on, whatever its provider: opens connections, says which migrations it carries and
/// whether it is ready. One instance per database for the process (register it as a singleton).
/// </summary>
public abstract class StoreDatabase
{
    public abstract DatabaseProvider Provider { get; }

    /// <summary>Where the data is, for logs and errors: the file, or host/port/database (never a password).</summary>
    public abstract string Location { get; }

    /// <summary>This provider's migration scripts.</summary>
    public MigrationCatalog Migrations => MigrationCatalog.For(Provider);

    internal StoreDialect Dialect => StoreDialect.For(Provider);

    /// <summary>Opens a connection with this provider's production settings; the caller disposes it.</summary>
    public abstract Task<DbConnection> OpenAsync(CancellationToken cancellationToken);

    /// <summary>Readiness for <c>/readyz</c>: the database answers <c>SELECT 1</c> and carries every migration of this build.</summary>
    public async Task<DatabaseReadiness> PingAsync(CancellationToken cancellationToken)
    {
        var expected = Migrations.LatestVersion;
        try
        {
            await using var connection = await OpenAsync(cancellationToken);
            var version = await MigrationRunner.ReadSchemaVersionAsync(connection, Dialect, cancellationToken);
            return version == expected
                ? new DatabaseReadiness(true, version, expected, null)
                : new DatabaseReadiness(false, version, expected, $"schema version {version}, this build needs {expected}");
        }
        catch (Exception exception) when (IsUnavailable(exception))
        {
            OnPingFailed(exception);
            return new DatabaseReadiness(false, 0, expected, exception.Message);
        }
    }

    /// <summary>Whether <paramref name="exception"/> means the database cannot be reached or read (not a bug).</summary>
    protected abstract bool IsUnavailable(Exception exception);

    protected abstract void OnPingFailed(Exception exception);
}
