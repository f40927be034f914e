using SecBot.Domain.Incidents;
using SecBot.Domain.Reviews;
using SecBot.Storage.Reports;
using SecBot.Storage.Tests.Reviews;
using SecBot.Storage.Tests.Support;
using static SecBot.Storage.Tests.Reviews.GateTestStore;

namespace SecBot.Storage.Tests.Contract;

/// <summary>
/// The reads behind the postmortem report (<see cref="IncidentReportReads"/>: the gates linked to an incident and their
/// ledger records, people's names) and the response numbers (<see cref="ResponseHistory"/>: incidents, pages and gates
/// since a time, with first acknowledgements from the timeline).
/// </summary>
public abstract class ReportReadsContract : StoreContract
{
    private static readonly DateTimeOffset T0 = ContractDatabase.Start;

    [Fact]
    public async Task An_incidents_linked_gates_and_their_ledger_records_are_read_and_no_other_gates()
    {
        var database = Database;
        await GateFixtures.AddPeopleAsync(database);
        var incident = await database.AddIncidentAsync("Customer data exposure");
        var other = await database.AddIncidentAsync("Another");
        Assert.True(await SaveAsync(database, null, GateFixtures.OpenedOnResolve(1, T0, incident, "priya", "olivia", "SecOpsManager")));
        Assert.True(await SaveAsync(database, null, GateFixtures.Open(2, T0, ledger: true)));
        Assert.True(await SaveAsync(database, null, GateFixtures.OpenedOnResolve(3, T0, other, "priya", "olivia", "SecOpsManager")));
        var opened = await LoadAsync(database, 1);
        Assert.True(await SaveAsync(database, opened, GateFixtures.Approve(opened, "maya", "SOC", "SocEngineer", T0.AddHours(1), comment: "fine | *ok*")));
        var reads = new IncidentReportReads();

        var gates = await Store.ReadAsync(c => reads.LinkedGatesAsync(c, incident, None), None);
        var ledger = await Store.ReadAsync(c => reads.LinkedLedgerAsync(c, incident, None), None);
        var names = await Store.ReadAsync(c => reads.PeopleNamesAsync(c, None), None);

        var gate = Assert.Single(gates);
        Assert.Equal((1L, "incident-postmortem", incident, "priya"), (gate.Number, gate.Type, gate.IncidentNumber, gate.RequestedBy));
        Assert.Equal(["maya"], gate.SignOffs.Select(s => s.PersonId));
        Assert.Equal(
            [(1L, LedgerDecisions.Opened, "olivia", ""), (1L, LedgerDecisions.Approve, "maya", "SOC")],
            ledger.Select(r => (r.GateId, r.Decision, r.PersonId, r.Seat)));
        Assert.Equal("fine | *ok*", ledger[1].Comment);
        Assert.True(ledger[0].Id < ledger[1].Id);
        Assert.Equal(T0.AddHours(1).ToUnixTimeMilliseconds(), ledger[1].At);
        Assert.Equal(GateFixtures.Name("maya"), names["maya"]);
        Assert.Empty(await Store.ReadAsync(c => reads.LinkedGatesAsync(c, 99, None), None));
        Assert.Empty(await Store.ReadAsync(c => reads.LinkedLedgerAsync(c, 99, None), None));
    }

    [Fact]
    public async Task Response_history_reads_what_started_since_the_time_with_the_first_acknowledgement()
    {
        var database = Database;
        await GateFixtures.AddPeopleAsync(database);
        var since = T0.AddDays(-30);
        await IncidentAsync(database, 1, "general", "L1", T0.AddDays(-31), resolvedAt: T0.AddDays(-31).AddHours(1));
        await IncidentAsync(database, 2, "customer", "L3", T0.AddDays(-2), resolvedAt: T0.AddDays(-2).AddHours(1));
        await IncidentAsync(database, 3, "aws", "L2", T0.AddDays(-10), resolvedAt: null);
        await EventAsync(database, 2, IncidentEventKinds.Acknowledged, T0.AddDays(-2).AddMinutes(20));
        await EventAsync(database, 2, IncidentEventKinds.Acknowledged, T0.AddDays(-2).AddMinutes(5));
        await EventAsync(database, 3, IncidentEventKinds.Escalated, T0.AddDays(-10).AddMinutes(5));
        await PageAsync(database, 1, "sam", T0.AddDays(-31), PageReason.OnCall);
        await PageAsync(database, 2, "maya", T0.AddDays(-2), PageReason.OnCall);
        await PageAsync(database, 2, "olivia", T0.AddDays(-2).AddMinutes(1), PageReason.Notification);
        Assert.True(await SaveAsync(database, null, GateFixtures.Open(1, T0.AddDays(-40))));
        Assert.True(await SaveAsync(database, null, GateFixtures.Open(2, T0.AddDays(-3))));
        var second = await LoadAsync(database, 2);
        Assert.True(await SaveAsync(database, second, GateFixtures.Reject(second, "maya", "SOC", "SocEngineer", "no", T0.AddDays(-3).AddHours(2))));
        Assert.True(await SaveAsync(database, null, GateFixtures.Open(3, T0.AddDays(-1))));

        var rows = await Store.ReadAsync(c => new ResponseHistory().ReadAsync(c, since, None), None);

        Assert.Equal(
            [
                new IncidentTimes(2, "customer", "L3", T0.AddDays(-2), T0.AddDays(-2).AddMinutes(5), T0.AddDays(-2).AddHours(1)),
                new IncidentTimes(3, "aws", "L2", T0.AddDays(-10), null, null),
            ],
            rows.Incidents);
        Assert.Equal(
            [
                new PageTimes(2, "maya", GateFixtures.Name("maya"), T0.AddDays(-2), PageReason.OnCall),
                new PageTimes(2, "olivia", GateFixtures.Name("olivia"), T0.AddDays(-2).AddMinutes(1), PageReason.Notification),
            ],
            rows.Pages);
        Assert.Equal(
            [
                new GateTimes(2, "high-risk-deploy", GateState.ChangesRequested, T0.AddDays(-3), T0.AddDays(-3).AddHours(2)),
                new GateTimes(3, "high-risk-deploy", GateState.Open, T0.AddDays(-1), null),
            ],
            rows.Gates);
        Assert.Equal(3, rows.IncidentsEver);
    }

    [Fact]
    public async Task Response_history_of_an_empty_database_is_empty()
    {
        var rows = await Store.ReadAsync(c => new ResponseHistory().ReadAsync(c, Now.AddDays(-30), None), None);

        Assert.Equal((0, 0, 0, 0L), (rows.Incidents.Count, rows.Pages.Count, rows.Gates.Count, rows.IncidentsEver));
    }

    private static Task IncidentAsync(ContractDatabase database, long id, string type, string level, DateTimeOffset at, DateTimeOffset? resolvedAt) =>
        database.ExecuteAsync(
            """
            INSERT INTO incidents (id, title, type, level, state, declared_by, created_at, updated_at, resolved_at)
            VALUES (@Id, 'x', @Type, @Level, @State, 'maya', @At, @At, @ResolvedAt)
            """,
            new { Id = id, Type = type, Level = level, State = resolvedAt is null ? "open" : "resolved", At = at, ResolvedAt = resolvedAt });

    private static Task EventAsync(ContractDatabase database, long incident, string kind, DateTimeOffset at) =>
        database.Store.WriteAsync(transaction => transaction.AppendIncidentEventAsync(incident, kind, "maya", "", at), None);

    private static Task PageAsync(ContractDatabase database, long incident, string person, DateTimeOffset at, PageReason reason) =>
        database.ExecuteAsync(
            "INSERT INTO pages (incident_id, person_id, level, attempt, paged_at, reason) VALUES (@Incident, @Person, 'L1', 1, @At, @Reason)",
            new { Incident = incident, Person = person, At = at, Reason = reason.ToString() });
}

public sealed class SqliteReportReadsContract : ReportReadsContract
{
    protected override Task<ContractDatabase> CreateDatabaseAsync() => SqliteContractDatabase.CreateAsync();
}

[Collection(PostgresCollection.Name)]
public sealed class PostgresReportReadsContract(PostgresFixture fixture) : ReportReadsContract
{
    protected override Task<ContractDatabase> CreateDatabaseAsync() => PostgresContract.CreateAsync(fixture);
}
