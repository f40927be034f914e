using SecBot.Domain.Incidents;
using SecBot.Storage.Alerts;
using SecBot.Storage.Tests.Support;

namespace SecBot.Storage.Tests.Contract;

/// <summary>Alert dedup keys through <see cref="AlertKeyRepository"/>: one incident per open key, across replicas too.</summary>
public abstract class AlertKeyRepositoryContract : StoreContract
{
    private const string KeySpace = "rk-0123456789abcdef";
    private readonly AlertKeyRepository _keys = new();

    [Fact]
    public async Task A_key_points_at_its_incident_and_counts_repeats_within_its_own_key_space()
    {
        var incident = await DeclareAsync(Store);
        await Store.WriteAsync(t => _keys.OpenAsync(t, KeySpace, "disk-full", incident), None);

        var totals = await Store.WriteAsync(async t => (await _keys.AddRepeatsAsync(t, KeySpace, "disk-full", 3), await _keys.AddRepeatsAsync(t, KeySpace, "disk-full", 1)), None);

        Assert.Equal((3L, 4L), totals);
        var found = await Store.WriteAsync(t => _keys.FindAsync(t, KeySpace, ["disk-full", "other"]), None);
        Assert.Equal(new AlertKey(KeySpace, "disk-full", incident, 4, IncidentOpen: true), Assert.Single(found).Value);
        Assert.Empty(await Store.WriteAsync(t => _keys.FindAsync(t, "rk-another-sender", ["disk-full"]), None));
    }

    [Fact]
    public async Task A_key_whose_incident_is_resolved_is_not_open_and_opening_it_again_points_it_at_the_new_incident()
    {
        var first = await DeclareAsync(Store);
        await Store.WriteAsync(async t =>
        {
            await _keys.OpenAsync(t, KeySpace, "disk-full", first);
            await _keys.AddRepeatsAsync(t, KeySpace, "disk-full", 2);
        }, None);
        await ResolveAsync(first);

        var closed = await Store.WriteAsync(t => _keys.FindAsync(t, KeySpace, ["disk-full"]), None);
        var second = await DeclareAsync(Store);
        await Store.WriteAsync(t => _keys.OpenAsync(t, KeySpace, "disk-full", second), None);

        Assert.False(closed["disk-full"].IncidentOpen);
        Assert.Equal(new AlertKey(KeySpace, "disk-full", second, 0, IncidentOpen: true), Assert.Single(await _keys.ListAsync(Store, KeySpace, None)));
    }

    [Fact]
    public async Task Two_replicas_given_one_new_key_at_once_open_one_incident()
    {
        var opened = await Task.WhenAll(OpenUnlessOpenAsync(Store), OpenUnlessOpenAsync(Database.NewStore()));

        Assert.Single(opened, o => o);
        Assert.Equal(1, await Database.CountAsync("incidents"));
    }

    /// <summary>What the intake does with a trigger: take the turn, look the key up, and open an incident only if none is open.</summary>
    private Task<bool> OpenUnlessOpenAsync(IStore store) =>
        store.WriteAsync(
            async t =>
            {
                await _keys.TakeTurnAsync(t);
                if ((await _keys.FindAsync(t, KeySpace, ["disk-full"])).Count > 0) return false;
                var number = await Incidents.NextNumberAsync(t);
                await Incidents.SaveAsync(t, null, Declared(number, t.Now));
                await _keys.OpenAsync(t, KeySpace, "disk-full", number);
                return true;
            },
            None);

    private Task<long> DeclareAsync(IStore store) =>
        store.WriteAsync(
            async t =>
            {
                var number = await Incidents.NextNumberAsync(t);
                await Incidents.SaveAsync(t, null, Declared(number, t.Now));
                return number;
            },
            None);

    private async Task ResolveAsync(long number)
    {
        var loaded = (await Incidents.LoadAsync(number, None))!;
        await Store.WriteAsync(
            t => Incidents.SaveAsync(t, loaded, new IncidentDecision(loaded with { State = IncidentState.Resolved, ResolvedBy = "alert:Alertmanager", ResolvedAt = Now, Version = 2 }, [], [], [])),
            None);
    }

    private static IncidentDecision Declared(long number, DateTimeOffset at) => new(
        new Incident
        {
            Number = number, Title = "Disk full", Type = "general", Level = "L1", State = IncidentState.Open, DeclaredBy = "alert:Alertmanager", DeclaredAt = at, Version = 1,
        },
        [new IncidentEvent(at, IncidentEventKinds.Declared, "alert:Alertmanager", "Disk full")],
        [],
        []);
}

public sealed class SqliteAlertKeyRepositoryContract : AlertKeyRepositoryContract
{
    protected override Task<ContractDatabase> CreateDatabaseAsync() => SqliteContractDatabase.CreateAsync();
}

[Collection(PostgresCollection.Name)]
public sealed class PostgresAlertKeyRepositoryContract(PostgresFixture fixture) : AlertKeyRepositoryContract
{
    protected override Task<ContractDatabase> CreateDatabaseAsync() => PostgresContract.CreateAsync(fixture);
}
