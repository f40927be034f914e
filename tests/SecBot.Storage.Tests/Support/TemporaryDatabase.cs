using Dapper;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Time.Testing;
using SecBot.Storage.Database;
using SecBot.Storage.Migrations;
using SecBot.Storage.Telemetry;

namespace SecBot.Storage.Tests.Support;

/// <summary>A real SQLite file in its own temporary directory, deleted on dispose.</summary>
public sealed partial class TemporaryDatabase : IAsyncDisposable
{
    public static readonly DateTimeOffset Start = new(2026, 3, 2, 9, 0, 0, TimeSpan.Zero);

    private readonly List<SqliteStore> _stores = [];

    private TemporaryDatabase(string directory)
    {
        Directory = directory;
        Time = new FakeTimeProvider(Start);
        Database = new SqliteDatabase(new DatabaseOptions { Path = System.IO.Path.Combine(directory, "data", "secbot.db") }, NullLogger<SqliteDatabase>.Instance);
        Migrations = new MigrationRunner(Database, Time, NullLogger<MigrationRunner>.Instance);
        Store = NewStore();
    }

    public string Directory { get; }

    public FakeTimeProvider Time { get; }

    public SqliteDatabase Database { get; }

    public MigrationRunner Migrations { get; }

    public SqliteStore Store { get; }

    public static TemporaryDatabase Empty() =>
        new(System.IO.Path.Combine(System.IO.Path.GetTempPath(), "secbot-storage-tests", Guid.NewGuid().ToString("N")));

    public static async Task<TemporaryDatabase> MigratedAsync()
    {
        var database = Empty();
        await database.Migrations.ApplyAsync(cancellationToken: CancellationToken.None);
        return database;
    }

    /// <summary>A second store on the same file, as another process would have: its own write gate, its own connections.</summary>
    /// <param name="metrics">Where the store counts what it commits; null counts nothing.</param>
    public SqliteStore NewStore(StoreMetrics? metrics = null)
    {
        var database = new SqliteDatabase(new DatabaseOptions { Path = Database.FilePath }, NullLogger<SqliteDatabase>.Instance);
        var store = new SqliteStore(database, Time, NullLogger<SqliteStore>.Instance, metrics);
        _stores.Add(store);
        return store;
    }

    public async Task<long> CountAsync(string table)
    {
        await using var connection = await Database.OpenConnectionAsync(CancellationToken.None);
        return await connection.ExecuteScalarAsync<long>($"SELECT count(*) FROM {table}");
    }

    public async Task<T> ScalarAsync<T>(string sql, object? parameters = null)
    {
        await using var connection = await Database.OpenConnectionAsync(CancellationToken.None);
        return (await connection.ExecuteScalarAsync<T>(sql, parameters))!;
    }

    public async Task ExecuteAsync(string sql, object? parameters = null)
    {
        await using var connection = await Database.OpenConnectionAsync(CancellationToken.None);
        await connection.ExecuteAsync(sql, parameters);
    }

    public Task AddPersonAsync(string id, string name = "Someone") =>
        ExecuteAsync(
            "INSERT INTO people (id, name, synced_at) VALUES (@Id, @Name, @Now)",
            new { Id = id, Name = name, Now = Time.GetUtcNow() });

    public Task<long> AddIncidentAsync(string title = "Suspicious login") =>
        ScalarAsync<long>(
            """
            INSERT INTO incidents (title, type, level, declared_by, created_at, updated_at)
            VALUES (@Title, 'general', 'L1', 'maya', @Now, @Now)
            RETURNING id
            """,
            new { Title = title, Now = Time.GetUtcNow() });

    public async ValueTask DisposeAsync()
    {
        foreach (var store in _stores)
        {
            store.Dispose();
        }

        using (var connection = new SqliteConnection(Database.ConnectionString))
        {
            SqliteConnection.ClearPool(connection);
        }

        if (System.IO.Directory.Exists(Directory))
        {
            System.IO.Directory.Delete(Directory, recursive: true);
        }

        await Task.CompletedTask;
    }
}
