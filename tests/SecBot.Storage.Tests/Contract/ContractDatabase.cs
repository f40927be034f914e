using Dapper;
using Microsoft.Extensions.Time.Testing;
using SecBot.Storage.Database;
using SecBot.Storage.Telemetry;
using SecBot.Storage.Tests.Support;

namespace SecBot.Storage.Tests.Contract;

/// <summary>
/// A migrated database of one provider for the store contract: a store over it, more stores on the same database as other
/// replicas or processes would have, the fake clock they share, and plain reads and writes for arranging and asserting
/// where no repository offers one (run through <see cref="IStore"/>, so the same SQL runs on either provider).
/// </summary>
public abstract class ContractDatabase : IStoreTestDatabase, IAsyncDisposable
{
    public static readonly DateTimeOffset Start = TemporaryDatabase.Start;

    public abstract DatabaseProvider Provider { get; }

    /// <summary>
    /// Whether two stores' write transactions can be open at once (PostgreSQL); false where one waits for the other to
    /// end (SQLite's one writer), so a test must not hold one open while it waits for the other.
    /// </summary>
    public abstract bool WritersRunTogether { get; }

    public abstract FakeTimeProvider Time { get; }

    public abstract IStore Store { get; }

    public IStoreSignals Signals => SignalsOf(Store);

    /// <summary>A further store on the same database, as another replica or process would have: its own connections.</summary>
    public abstract IStore NewStore();

    /// <summary>A further store that counts what it commits on <paramref name="metrics"/>.</summary>
    public abstract IStore NewStore(StoreMetrics metrics);

    public static IStoreSignals SignalsOf(IStore store) =>
        store as IStoreSignals ?? throw new ArgumentException($"{store?.GetType().Name} raises no signals", nameof(store));

    /// <summary>Has <paramref name="store"/> hear other stores' commits until cancelled; only where stores announce them to each other.</summary>
    public abstract Task ListenAsync(IStore store, CancellationToken stoppingToken);

    public Task<T> ScalarAsync<T>(string sql, object? parameters = null) =>
        Store.ReadAsync(async connection => (await connection.ExecuteScalarAsync<T>(sql, parameters))!, CancellationToken.None);

    public Task<IReadOnlyList<T>> QueryAsync<T>(string sql, object? parameters = null) =>
        Store.ReadAsync<IReadOnlyList<T>>(async connection => [.. await connection.QueryAsync<T>(sql, parameters)], CancellationToken.None);

    /// <summary>How many rows <paramref name="tableAndCondition"/> has (a table name, optionally followed by a WHERE clause).</summary>
    public Task<long> CountAsync(string tableAndCondition) => ScalarAsync<long>($"SELECT count(*) FROM {tableAndCondition}");

    public Task ExecuteAsync(string sql, object? parameters = null) =>
        Store.WriteAsync(transaction => transaction.ExecuteAsync(sql, parameters), CancellationToken.None);

    public Task AddPersonAsync(string id, string name = "Someone") =>
        ExecuteAsync("INSERT INTO people (id, name, synced_at) VALUES (@Id, @Name, @Now)", new { Id = id, Name = name, Now = Time.GetUtcNow() });

    public Task<long> AddIncidentAsync(string title = "Suspicious login") =>
        Store.WriteAsync(
            transaction => transaction.QuerySingleAsync<long>(
                """
                INSERT INTO incidents (title, type, level, declared_by, created_at, updated_at)
                VALUES (@Title, 'general', 'L1', 'maya', @Now, @Now)
                RETURNING id
                """,
                new { Title = title, Now = Time.GetUtcNow() }),
            CancellationToken.None);

    public abstract ValueTask DisposeAsync();
}

/// <summary>A SQLite file (<see cref="TemporaryDatabase"/>): further stores are further processes on the same file.</summary>
public sealed class SqliteContractDatabase(TemporaryDatabase database) : ContractDatabase
{
    public static async Task<ContractDatabase> CreateAsync() => new SqliteContractDatabase(await TemporaryDatabase.MigratedAsync());

    public override DatabaseProvider Provider => DatabaseProvider.Sqlite;

    public override bool WritersRunTogether => false;

    public override FakeTimeProvider Time => database.Time;

    public override IStore Store => database.Store;

    public override IStore NewStore() => database.NewStore();

    public override IStore NewStore(StoreMetrics metrics) => database.NewStore(metrics);

    public override Task ListenAsync(IStore store, CancellationToken stoppingToken) =>
        throw new NotSupportedException("SQLite stores do not announce commits to each other; their waiters look again on their own.");

    public override ValueTask DisposeAsync() => database.DisposeAsync();
}

/// <summary>A PostgreSQL database of its own (<see cref="TemporaryPostgresDatabase"/>): further stores are further replicas.</summary>
public sealed class PostgresContractDatabase(TemporaryPostgresDatabase database) : ContractDatabase
{
    public static async Task<ContractDatabase> CreateAsync(PostgresServer server) =>
        new PostgresContractDatabase(await TemporaryPostgresDatabase.MigratedAsync(server));

    public override DatabaseProvider Provider => DatabaseProvider.Postgres;

    public override bool WritersRunTogether => true;

    public override FakeTimeProvider Time => database.Time;

    public override IStore Store => database.Store;

    public override IStore NewStore() => database.NewStore();

    public override IStore NewStore(StoreMetrics metrics) => database.NewStore(metrics);

    public override Task ListenAsync(IStore store, CancellationToken stoppingToken) =>
        store is PostgresStore postgres ? postgres.ListenAsync(stoppingToken) : throw new ArgumentException("not a PostgreSQL store", nameof(store));

    public override ValueTask DisposeAsync() => database.DisposeAsync();
}
