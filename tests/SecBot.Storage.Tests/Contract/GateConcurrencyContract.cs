using SecBot.Domain.Reviews;
using SecBot.Storage.Ledger;
using SecBot.Storage.Tests.Reviews;
using SecBot.Storage.Tests.Support;
using static SecBot.Storage.Tests.Reviews.GateTestStore;

namespace SecBot.Storage.Tests.Contract;

/// <summary>Racing writers through <see cref="IStore.WriteAsync{T}"/> of several stores on one database (as several processes or replicas would).</summary>
public abstract class GateConcurrencyContract : StoreContract
{
    private static readonly DateTimeOffset T0 = ContractDatabase.Start;

    [Fact]
    public async Task Fifty_simultaneous_approvals_of_the_same_seat_record_exactly_one()
    {
        var reviewers = Enumerable.Range(1, 50).Select(i => $"soc{i:00}").ToList();
        var database = Database;
        await GateFixtures.AddPeopleAsync(database, reviewers);
        var gate = await OpenAsync(database);
        IStore[] stores = [database.Store, database.NewStore(), database.NewStore()];

        // Every reviewer decided on the same loaded version, as 50 button clicks arriving together would.
        var decisions = reviewers
            .Select((person, i) => GateFixtures.Approve(gate, person, "SOC", "SocEngineer", T0.AddMinutes(1).AddMilliseconds(i)))
            .ToList();
        var start = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var racers = decisions
            .Select((decision, i) => Task.Run(async () =>
            {
                await start.Task;
                return await SaveAsync(database, gate, decision, stores[i % stores.Length]);
            }))
            .ToList();
        start.SetResult();
        var outcomes = await Task.WhenAll(racers);

        Assert.Equal(1, outcomes.Count(saved => saved));
        var winner = decisions[Array.IndexOf(outcomes, true)];
        var stored = await LoadAsync(database, gate.Number);
        Assert.Equal(gate.Version + 1, stored.Version);
        Assert.Equal(winner.Gate.SignOffs[^1].PersonId, Assert.Single(stored.SignOffs).PersonId);
        Assert.Equal(1L, await database.ScalarAsync<long>("SELECT count(*) FROM signoffs WHERE seat = 'SOC'"));
        Assert.Equal(2L + 1L, await database.CountAsync("gate_events"));
        await AssertLedgerIntactAsync(database, 1);
    }

    [Fact]
    public async Task Two_people_racing_for_the_last_seat_leave_one_approval_and_a_consistent_gate()
    {
        var database = Database;
        await GateFixtures.AddPeopleAsync(database);
        var other = database.NewStore();
        for (var number = 1L; number <= 5; number++)
        {
            var gate = await OpenAsync(database, number);
            var first = GateFixtures.Approve(gate, "amara", "SecArch", "SecurityArchitect", T0.AddMinutes(1));
            Assert.True(await SaveAsync(database, gate, first));
            var lastSeat = first.Gate;

            // Both fill SOC, the last pending seat, so each decision approves the whole gate.
            var maya = GateFixtures.Approve(lastSeat, "maya", "SOC", "SeniorSocEngineer", T0.AddMinutes(2), approvesGate: true);
            var sam = GateFixtures.Approve(lastSeat, "sam", "SOC", "SocEngineer", T0.AddMinutes(2), approvesGate: true);
            var start = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
            var mayaSaves = Task.Run(async () => { await start.Task; return await SaveAsync(database, lastSeat, maya); });
            var samSaves = Task.Run(async () => { await start.Task; return await SaveAsync(database, lastSeat, sam, other); });
            start.SetResult();
            var outcomes = await Task.WhenAll(mayaSaves, samSaves);

            Assert.Equal(1, outcomes.Count(saved => saved));
            var winner = outcomes[0] ? maya : sam;
            var stored = await LoadAsync(database, number);
            Assert.Equal(GateState.Approved, stored.State);
            Assert.Equal(lastSeat.Version + 1, stored.Version);
            Assert.Equal(winner.Gate.SignOffs, stored.SignOffs, SignOffComparer.Instance);
            var where = new { Gate = number };
            Assert.Equal(1L, await database.ScalarAsync<long>("SELECT count(*) FROM signoffs WHERE gate_id = @Gate AND seat = 'SOC'", where));
            Assert.Equal(
                winner.Gate.SignOffs[^1].PersonId,
                await database.ScalarAsync<string>("SELECT person_id FROM signoffs WHERE gate_id = @Gate AND decision = 'gate-approved'", where));
            Assert.Equal(1L, await database.ScalarAsync<long>("SELECT count(*) FROM gate_events WHERE gate_id = @Gate AND kind = 'approved'", where));
            await AssertLedgerIntactAsync(database, 3 * number);
        }
    }

    private static Task AssertLedgerIntactAsync(ContractDatabase database, long records) => LedgerChainAssert.IntactAsync(database, records);
}

public sealed class SqliteGateConcurrencyContract : GateConcurrencyContract
{
    protected override Task<ContractDatabase> CreateDatabaseAsync() => SqliteContractDatabase.CreateAsync();
}

[Collection(PostgresCollection.Name)]
public sealed class PostgresGateConcurrencyContract(PostgresFixture fixture) : GateConcurrencyContract
{
    protected override Task<ContractDatabase> CreateDatabaseAsync() => PostgresContract.CreateAsync(fixture);
}
