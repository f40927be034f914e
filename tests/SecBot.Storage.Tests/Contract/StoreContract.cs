using SecBot.Storage.Delivery;
using SecBot.Storage.Incidents;
using SecBot.Storage.Reviews;
using SecBot.Storage.Tests.Support;
using SecBot.Storage.Timers;

namespace SecBot.Storage.Tests.Contract;

/// <summary>
/// The base of every store contract: each test gets a fresh migrated database from <see cref="CreateDatabaseAsync"/>.
/// An area's contract is an abstract subclass holding the tests; a sealed subclass per provider only says which database.
/// </summary>
public abstract class StoreContract : IAsyncLifetime
{
    private ContractDatabase? _database;

    protected static CancellationToken None => CancellationToken.None;

    protected ContractDatabase Database => _database ?? throw new InvalidOperationException("the contract's database is made in InitializeAsync");

    protected IStore Store => Database.Store;

    protected DateTimeOffset Now => Database.Time.GetUtcNow();

    protected IncidentRepository Incidents => new(Store);

    protected IncidentChannelRepository IncidentChannels => new(Store);

    protected GateRepository Gates => new(Store);

    protected DeadLetters DeadLetters => new(Store);

    protected DueTimers DueTimers => new(Store);

    protected TimerFailures TimerFailures => new(Store);

    protected SubjectTimeline SubjectTimeline => new();

    protected abstract Task<ContractDatabase> CreateDatabaseAsync();

    public async Task InitializeAsync() => _database = await CreateDatabaseAsync();

    public async Task DisposeAsync()
    {
        if (_database is not null) await _database.DisposeAsync();
    }

    /// <summary>Runs <paramref name="racers"/> each on its own thread, all released together, and returns their results in order.</summary>
    protected static async Task<T[]> RaceAsync<T>(IEnumerable<Func<Task<T>>> racers)
    {
        var start = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var running = racers.Select(racer => Task.Run(async () =>
        {
            await start.Task;
            return await racer();
        })).ToList();
        start.SetResult();
        return await Task.WhenAll(running);
    }

    /// <summary>Waits for a step another task takes; the limit only turns a hang into a failure.</summary>
    protected static Task Reached(Task step) => step.WaitAsync(TimeSpan.FromMinutes(2));

    /// <summary>Waits for a step another task takes; the limit only turns a hang into a failure.</summary>
    protected static Task<T> Reached<T>(Task<T> step) => step.WaitAsync(TimeSpan.FromMinutes(2));
}

/// <summary>Where a provider's contract gets its PostgreSQL database: the test run's shared server.</summary>
internal static class PostgresContract
{
    public static Task<ContractDatabase> CreateAsync(PostgresFixture fixture) => PostgresContractDatabase.CreateAsync(fixture.Server);
}
