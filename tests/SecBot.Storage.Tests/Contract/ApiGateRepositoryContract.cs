using SecBot.Storage.Reviews;
using SecBot.Storage.Tests.Reviews;
using SecBot.Storage.Tests.Support;
using static SecBot.Storage.Tests.Reviews.GateTestStore;

namespace SecBot.Storage.Tests.Contract;

/// <summary>Where a gate opened through the Gate API came from: written with the gate, read back in a transaction and on a connection.</summary>
public abstract class ApiGateRepositoryContract : StoreContract
{
    [Fact]
    public async Task The_origin_written_with_a_gate_reads_back_and_a_chat_gate_has_none()
    {
        var database = Database;
        await GateFixtures.AddPeopleAsync(database);
        await SaveAsync(database, null, GateFixtures.Open(1, ContractDatabase.Start));
        await SaveAsync(database, null, GateFixtures.Open(2, ContractDatabase.Start));
        var origin = new ApiGateOrigin(1, "deploy-pipeline", new string('a', 64), "https://ci.example.com/runs/42", "https://ci.example.com/hook", "https://secbot.example.com/api/gates/REV-1");

        await database.Store.WriteAsync(transaction => ApiGateRepository.RecordAsync(transaction, origin), None);

        Assert.Equal(origin, await database.NewStore().WriteAsync(transaction => ApiGateRepository.FindAsync(transaction, 1), None));
        Assert.Equal(origin, await database.Store.ReadAsync(connection => ApiGateRepository.FindAsync(connection, 1, None), None));
        Assert.Null(await database.Store.ReadAsync(connection => ApiGateRepository.FindAsync(connection, 2, None), None));
    }

    [Fact]
    public async Task An_origin_without_its_links_keeps_them_null_and_one_for_no_gate_is_refused()
    {
        var database = Database;
        await GateFixtures.AddPeopleAsync(database);
        await SaveAsync(database, null, GateFixtures.Open(1, ContractDatabase.Start));
        var bare = new ApiGateOrigin(1, "deploy-pipeline", new string('b', 64), null, null, "http://127.0.0.1/api/gates/REV-1");

        await database.Store.WriteAsync(transaction => ApiGateRepository.RecordAsync(transaction, bare), None);

        Assert.Equal(bare, await database.Store.ReadAsync(connection => ApiGateRepository.FindAsync(connection, 1, None), None));
        await Assert.ThrowsAnyAsync<Exception>(() => database.Store.WriteAsync(transaction => ApiGateRepository.RecordAsync(transaction, bare with { GateNumber = 9 }), None));
        Assert.Equal(1, await database.CountAsync("api_gates"));
    }
}

public sealed class SqliteApiGateRepositoryContract : ApiGateRepositoryContract
{
    protected override Task<ContractDatabase> CreateDatabaseAsync() => SqliteContractDatabase.CreateAsync();
}

[Collection(PostgresCollection.Name)]
public sealed class PostgresApiGateRepositoryContract(PostgresFixture fixture) : ApiGateRepositoryContract
{
    protected override Task<ContractDatabase> CreateDatabaseAsync() => PostgresContract.CreateAsync(fixture);
}
