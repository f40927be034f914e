using SecBot.Domain.Incidents;
using SecBot.Storage.Incidents;
using SecBot.Storage.Reviews;
using SecBot.Storage.Tests.Reviews;
using SecBot.Storage.Tests.Support;

namespace SecBot.Storage.Tests.Contract;

/// <summary>
/// Writers in two stores on one database (two replicas, or two processes on one SQLite file): numbers stay unique and
/// increasing, and two changes made on the same version of one incident both land — PostgreSQL runs the loser's write
/// again, SQLite never lets them overlap.
/// </summary>
public abstract class ConcurrentWritersContract : StoreContract
{
    private const int WritersPerStore = 4;
    private const int WritesPerWriter = 25;

    [Fact]
    public async Task Incidents_declared_from_two_stores_at_once_get_distinct_numbers_that_increase_for_each_writer()
    {
        IStore[] stores = [Store, Database.NewStore()];

        var numbers = await RaceAsync(Enumerable.Range(0, stores.Length * WritersPerStore).Select(writer => (Func<Task<List<long>>>)(async () =>
        {
            var store = stores[writer % stores.Length];
            var mine = new List<long>();
            for (var i = 0; i < WritesPerWriter; i++)
            {
                mine.Add(await store.WriteAsync(
                    async transaction =>
                    {
                        var number = await Incidents.NextNumberAsync(transaction);
                        await Incidents.SaveAsync(transaction, null, Declared(number, transaction.Now));
                        return number;
                    },
                    None));
            }

            return mine;
        })));

        const int total = 2 * WritersPerStore * WritesPerWriter;
        Assert.All(numbers, mine => Assert.True(mine.SequenceEqual(mine.Order()) && mine.Distinct().Count() == mine.Count, string.Join(",", mine)));
        Assert.Equal(Enumerable.Range(1, total).Select(n => (long)n), numbers.SelectMany(mine => mine).Order());
        Assert.Equal(total, await Database.CountAsync("incidents"));
        Assert.Equal(total, await Database.CountAsync("incident_events"));
    }

    [Fact]
    public async Task Gates_opened_from_two_stores_at_once_get_distinct_numbers()
    {
        await AddPeopleAsync();
        IStore[] stores = [Store, Database.NewStore()];

        var numbers = await RaceAsync(Enumerable.Range(0, 30).Select(i => (Func<Task<long>>)(() => stores[i % 2].WriteAsync(
            async transaction =>
            {
                var number = await Gates.NextNumberAsync(transaction);
                Assert.True(await Gates.SaveAsync(transaction, null, GateFixtures.Open(number, transaction.Now, ledger: true)));
                return number;
            },
            None))));

        Assert.Equal(Enumerable.Range(1, 30).Select(n => (long)n), numbers.Order());
        Assert.Equal(30, await Database.CountAsync("gates"));
        await LedgerChainAssert.IntactAsync(Database, 30);
    }

    [Fact]
    public async Task Two_changes_made_on_the_same_version_of_an_incident_in_two_stores_both_land()
    {
        var number = await Store.WriteAsync(
            async transaction =>
            {
                var declared = await Incidents.NextNumberAsync(transaction);
                await Incidents.SaveAsync(transaction, null, Declared(declared, transaction.Now));
                return declared;
            },
            None);
        IStore[] stores = [Store, Database.NewStore()];
        // Where both can be in a write at once, each first attempt waits until the other has loaded, so both decide on version 1.
        var loaded = new CountdownEvent(Database.WritersRunTogether ? 2 : 0);
        var attempts = 0;

        await RaceAsync(stores.Select((store, i) => (Func<Task<bool>>)(async () =>
        {
            var firstAttempt = true;
            await store.WriteAsync(
                async transaction =>
                {
                    Interlocked.Increment(ref attempts);
                    var before = await Incidents.LoadAsync(transaction, number) ?? throw new InvalidOperationException("declared above");
                    if (firstAttempt && Database.WritersRunTogether)
                    {
                        firstAttempt = false;
                        loaded.Signal();
                        await Reached(Task.Run(() => loaded.Wait()));
                    }

                    await Incidents.SaveAsync(transaction, before, Noted(before, $"note {i}", transaction.Now));
                },
                None);
            return true;
        })));

        var stored = await Store.ReadAsync(c => Incidents.LoadAsync(c, null, number, None), None);
        Assert.Equal(3, stored!.Version);
        Assert.Equal(["declared", "note 0", "note 1"], (await Store.ReadAsync(c => Incidents.TimelineAsync(c, number, None), None)).Select(e => e.Detail).Order());
        // The write that lost the race on PostgreSQL ran again on the version the winner left; on SQLite none had to.
        Assert.Equal(Database.WritersRunTogether ? 3 : 2, attempts);
    }

    [Fact]
    public async Task Two_sign_offs_made_on_the_same_version_of_a_gate_in_two_stores_both_land_after_the_loser_decides_again()
    {
        await AddPeopleAsync();
        await Store.WriteAsync(transaction => Gates.SaveAsync(transaction, null, GateFixtures.Open(1, transaction.Now, ledger: true)), None);
        IStore[] stores = [Store, Database.NewStore()];
        (string Person, string Seat, string Role)[] signers = [("amara", "SecArch", "SecurityArchitect"), ("maya", "SOC", "SeniorSocEngineer")];
        var loaded = new CountdownEvent(Database.WritersRunTogether ? 2 : 0);

        var refusals = await RaceAsync(stores.Select((store, i) => (Func<Task<int>>)(async () =>
        {
            var refused = 0;
            var firstAttempt = true;
            // As the review engine does: a decision refused because the gate moved on is made again on the gate as it is now.
            while (!await store.WriteAsync(
                async transaction =>
                {
                    var before = await Gates.LoadAsync(transaction, 1) ?? throw new InvalidOperationException("opened above");
                    if (firstAttempt && Database.WritersRunTogether)
                    {
                        firstAttempt = false;
                        loaded.Signal();
                        await Reached(Task.Run(() => loaded.Wait()));
                    }

                    var (person, seat, role) = signers[i];
                    return await Gates.SaveAsync(transaction, before, GateFixtures.Approve(before, person, seat, role, transaction.Now));
                },
                None))
            {
                Assert.True(++refused < 50, $"{signers[i].Person}'s sign-off was refused {refused} times");
            }

            return refused;
        })));

        var gate = await Store.ReadAsync(c => Gates.LoadAsync(c, null, 1, None), None);
        Assert.Equal(3, gate!.Version);
        Assert.Equal(["SOC", "SecArch"], gate.SignOffs.Select(s => s.SeatId).Order(StringComparer.Ordinal));
        Assert.Equal(Database.WritersRunTogether ? 1 : 0, refusals.Sum());
        await LedgerChainAssert.IntactAsync(Database, 3);
    }

    [Fact]
    public async Task Sign_offs_appended_from_two_stores_at_once_keep_one_linear_chain()
    {
        await AddPeopleAsync();
        const int gates = 12;
        for (var number = 1L; number <= gates; number++)
        {
            var opened = GateFixtures.Open(number, Now, ledger: true);
            await Store.WriteAsync(transaction => Gates.SaveAsync(transaction, null, opened), None);
        }

        IStore[] stores = [Store, Database.NewStore()];
        (string Person, string Seat, string Role)[] signers = [("amara", "SecArch", "SecurityArchitect"), ("maya", "SOC", "SeniorSocEngineer")];
        // Every gate gets both seats filled at once, one from each store; a refused decision is made again on the reloaded gate.
        await RaceAsync(Enumerable.Range(0, gates * 2).Select(i => (Func<Task<bool>>)(async () =>
        {
            var number = 1 + (i / 2);
            var (person, seat, role) = signers[i % 2];
            var refused = 0;
            while (!await stores[i % 2].WriteAsync(
                async transaction =>
                {
                    var before = await Gates.LoadAsync(transaction, number) ?? throw new InvalidOperationException("opened above");
                    return await Gates.SaveAsync(transaction, before, GateFixtures.Approve(before, person, seat, role, transaction.Now));
                },
                None))
            {
                Assert.True(++refused < 50, $"{person}'s sign-off on REV-{number} was refused {refused} times");
            }

            return true;
        })));

        Assert.Equal(gates * 3, await Database.CountAsync("signoffs"));
        Assert.Equal(gates * 2, await Database.CountAsync("signoffs WHERE kind = 'signoff'"));
        await LedgerChainAssert.IntactAsync(Database, gates * 3);
    }

    private async Task AddPeopleAsync()
    {
        foreach (var person in GateFixtures.People) await Database.AddPersonAsync(person, GateFixtures.Name(person));
    }

    private static IncidentDecision Declared(long number, DateTimeOffset at) => new(
        new Incident
        {
            Number = number,
            Title = $"Incident {number}",
            Type = "general",
            Level = "L1",
            State = IncidentState.Open,
            DeclaredBy = "maya",
            DeclaredAt = at,
            Version = 1,
        },
        [new IncidentEvent(at, IncidentEventKinds.Declared, "maya", "declared")],
        [],
        []);

    private static IncidentDecision Noted(Incident before, string note, DateTimeOffset at) => new(
        before with { Summary = note, Version = before.Version + 1 },
        [new IncidentEvent(at, "noted", "maya", note)],
        [],
        []);
}

public sealed class SqliteConcurrentWritersContract : ConcurrentWritersContract
{
    protected override Task<ContractDatabase> CreateDatabaseAsync() => SqliteContractDatabase.CreateAsync();
}

[Collection(PostgresCollection.Name)]
public sealed class PostgresConcurrentWritersContract(PostgresFixture fixture) : ConcurrentWritersContract
{
    protected override Task<ContractDatabase> CreateDatabaseAsync() => PostgresContract.CreateAsync(fixture);
}
