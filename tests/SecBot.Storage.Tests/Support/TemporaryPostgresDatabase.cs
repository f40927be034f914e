using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Time.Testing;
using SecBot.Storage.Database;
using SecBot.Storage.Migrations;
using SecBot.Storage.Telemetry;

namespace SecBot.Storage.Tests.Support;

/// <summary>A fresh database of its own on the test run's PostgreSQL server, migrated, with a store over it on a fake clock.</summary>
public sealed class TemporaryPostgresDatabase : IAsyncDisposable
{
    private static int _created;
    private readonly List<PostgresDatabase> _databases = [];

    private TemporaryPostgresDatabase(string connectionString)
    {
        ConnectionString = connectionString;
        Time = new FakeTimeProvider(TemporaryDatabase.Start);
        Database = NewDatabase();
        Migrations = new MigrationRunner(Database, Time, NullLogger<MigrationRunner>.Instance);
        Store = NewStore();
    }

    public string ConnectionString { get; }

    public FakeTimeProvider Time { get; }

    public PostgresDatabase Database { get; }

    public MigrationRunner Migrations { get; }

    public PostgresStore Store { get; }

    public static async Task<TemporaryPostgresDatabase> EmptyAsync(PostgresServer server)
    {
        ArgumentNullException.ThrowIfNull(server);
        var name = $"store_{Environment.ProcessId}_{Interlocked.Increment(ref _created)}";
        return new TemporaryPostgresDatabase(await server.CreateDatabaseAsync(name));
    }

    public static async Task<TemporaryPostgresDatabase> MigratedAsync(PostgresServer server)
    {
        var database = await EmptyAsync(server);
        await database.Migrations.ApplyAsync(cancellationToken: CancellationToken.None);
        return database;
    }

    /// <summary>A second store on the same database, as another replica would have: its own pool, its own connections.</summary>
    /// <param name="metrics">Where the store counts what it commits; null counts nothing.</param>
    public PostgresStore NewStore(StoreMetrics? metrics = null) => new(NewDatabase(), Time, NullLogger<PostgresStore>.Instance, metrics: metrics);

    private PostgresDatabase NewDatabase()
    {
        var database = new PostgresDatabase(new DatabaseOptions { Provider = DatabaseProvider.Postgres, ConnectionString = ConnectionString }, NullLogger<PostgresDatabase>.Instance);
        _databases.Add(database);
        return database;
    }

    public async ValueTask DisposeAsync()
    {
        foreach (var database in _databases) await database.DisposeAsync();
    }
}
