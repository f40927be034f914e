using Dapper;
using SecBot.Domain.Reviews;
using SecBot.Storage.Ledger;
using SecBot.Storage.Reviews;
using SecBot.Storage.Tests.Reviews;
using SecBot.Storage.Tests.Support;
using static SecBot.Storage.Tests.Reviews.GateTestStore;

namespace SecBot.Storage.Tests.Contract;

public abstract class GateRepositoryContract : StoreContract
{
    private static readonly DateTimeOffset T0 = ContractDatabase.Start;

    [Fact]
    public async Task The_first_gate_number_is_1_and_the_next_follows_the_last_saved()
    {
        var database = Database;
        await GateFixtures.AddPeopleAsync(database);

        Assert.Equal(1, await database.Store.WriteAsync(Gates.NextNumberAsync, CancellationToken.None));
        await SaveAsync(database, null, GateFixtures.Open(1, T0));
        Assert.Equal(2, await database.Store.WriteAsync(Gates.NextNumberAsync, CancellationToken.None));
    }

    [Fact]
    public async Task An_opened_gate_loads_back_as_it_was_decided_with_its_timeline_and_timers()
    {
        var database = Database;
        await GateFixtures.AddPeopleAsync(database);
        var incident = await database.AddIncidentAsync();
        var opened = GateFixtures.Open(1, T0, type: "incident-postmortem", incident: incident);

        Assert.True(await SaveAsync(database, null, opened));

        var loaded = await LoadAsync(database, 1);
        Assert.Equal(opened.Gate, loaded with { SignOffs = opened.Gate.SignOffs });
        Assert.Empty(loaded.SignOffs);
        Assert.Equal(incident, loaded.IncidentNumber);
        Assert.Equal("slack", loaded.RequestedVia);

        var timeline = await database.Store.ReadAsync(c => Gates.TimelineAsync(c, 1, CancellationToken.None), CancellationToken.None);
        Assert.Equal(opened.Events, timeline);

        var timers = (await database.Store.ReadAsync(
            c => c.QueryAsync<(string Kind, string Subject, DateTimeOffset DueAt, string Payload)>("SELECT kind, subject, due_at, payload FROM timers ORDER BY due_at"),
            CancellationToken.None)).ToList();
        Assert.Equal(2, timers.Count);
        Assert.All(timers, t => Assert.Equal((ReviewTimer.Kind, "REV-1"), (t.Kind, t.Subject)));
        Assert.Equal(opened.Timers, timers.Select(t => ReviewTimerPayload.Read(t.Payload, t.DueAt)));
    }

    [Fact]
    public async Task A_gate_that_does_not_exist_loads_as_null()
    {
        var database = Database;
        await GateFixtures.AddPeopleAsync(database);

        Assert.Null(await LoadAsync(database, 42, allowMissing: true));
    }

    [Fact]
    public async Task Opening_a_gate_whose_number_is_taken_returns_false_and_writes_nothing()
    {
        var database = Database;
        await GateFixtures.AddPeopleAsync(database);
        await SaveAsync(database, null, GateFixtures.Open(1, T0, title: "First"));

        Assert.False(await SaveAsync(database, null, GateFixtures.Open(1, T0.AddMinutes(1), title: "Second")));

        Assert.Equal("First", (await LoadAsync(database, 1)).Title);
        Assert.Equal(2, await database.CountAsync("gate_events"));
        Assert.Equal(2, await database.CountAsync("timers"));
    }

    [Fact]
    public async Task Sign_offs_load_back_with_checklist_comment_platform_and_optional_flag()
    {
        var database = Database;
        await GateFixtures.AddPeopleAsync(database);
        var gate = await OpenAsync(database);
        var approved = GateFixtures.Approve(gate, "amara", "SecArch", "SecurityArchitect", T0.AddMinutes(5));
        await SaveAsync(database, gate, approved);
        var commented = GateFixtures.Comment(approved.Gate, "hannah", "RedTeam", "SeniorRedTeamEngineer", "watch the rate limits", T0.AddMinutes(6));
        await SaveAsync(database, approved.Gate, commented);
        var overridden = GateFixtures.Override(commented.Gate, "olivia", "SOC", "SOC on leave, covered by runbook", T0.AddMinutes(7));
        await SaveAsync(database, commented.Gate, overridden);

        var loaded = await LoadAsync(database, gate.Number);

        Assert.Equal(overridden.Gate.SignOffs, loaded.SignOffs, SignOffComparer.Instance);
        Assert.Equal(4, loaded.Version);
        Assert.True(loaded.SignOffs[1].IsOptionalSeat);
        Assert.True(loaded.SignOffs[2].IsOverride);
    }

    [Fact]
    public async Task A_decision_on_an_outdated_version_returns_false_and_writes_nothing()
    {
        var database = Database;
        await GateFixtures.AddPeopleAsync(database);
        var gate = await OpenAsync(database);
        await SaveAsync(database, gate, GateFixtures.Approve(gate, "amara", "SecArch", "SecurityArchitect", T0.AddMinutes(5)));
        var counts = await CountsAsync(database);

        var late = GateFixtures.Approve(gate, "maya", "SOC", "SeniorSocEngineer", T0.AddMinutes(6));
        Assert.False(await SaveAsync(database, gate, late));

        Assert.Equal(counts, await CountsAsync(database));
        Assert.Equal(2, (await LoadAsync(database, gate.Number)).Version);
    }

    [Fact]
    public async Task The_unique_index_refuses_a_second_fill_of_a_seat_even_when_the_version_check_is_fooled()
    {
        var database = Database;
        await GateFixtures.AddPeopleAsync(database);
        var gate = await OpenAsync(database);
        var first = GateFixtures.Approve(gate, "maya", "SOC", "SeniorSocEngineer", T0.AddMinutes(5));
        await SaveAsync(database, gate, first);
        var counts = await CountsAsync(database);

        // A caller that forgot to reload: the stored version matches, but the seat is already filled.
        var forgedBefore = gate with { Version = first.Gate.Version };
        var second = GateFixtures.Approve(forgedBefore, "sam", "SOC", "SocEngineer", T0.AddMinutes(6));
        Assert.False(await SaveAsync(database, forgedBefore, second));

        Assert.Equal(counts, await CountsAsync(database));
        var loaded = await LoadAsync(database, gate.Number);
        Assert.Equal(first.Gate.Version, loaded.Version);
        Assert.Equal("maya", Assert.Single(loaded.SignOffs).PersonId);
    }

    [Fact]
    public async Task Ledger_rows_carry_the_signers_name_and_chain_to_the_previous_hash()
    {
        var database = Database;
        await GateFixtures.AddPeopleAsync(database);
        var gate = await OpenAsync(database);
        var approved = GateFixtures.Approve(gate, "amara", "SecArch", "SecurityArchitect", T0.AddMinutes(5));
        await SaveAsync(database, gate, approved);
        await SaveAsync(database, approved.Gate, GateFixtures.Approve(approved.Gate, "maya", "SOC", "SeniorSocEngineer", T0.AddMinutes(6), approvesGate: true));

        var rows = (await database.Store.ReadAsync(
            c => c.QueryAsync<(long Id, string Kind, string PersonName, string Decision, string? PrevHash, string Hash)>(
                "SELECT id, kind, person_name, decision, prev_hash, hash FROM signoffs ORDER BY id"),
            CancellationToken.None)).ToList();

        Assert.Equal([1L, 2L, 3L], rows.Select(r => r.Id));
        Assert.Equal(["signoff", "signoff", "gate-decision"], rows.Select(r => r.Kind));
        Assert.Equal([LedgerDecisions.Approve, LedgerDecisions.Approve, LedgerDecisions.GateApproved], rows.Select(r => r.Decision));
        Assert.Equal(["Amara Example", "Maya Example", "Maya Example"], rows.Select(r => r.PersonName));
        Assert.Null(rows[0].PrevHash);
        Assert.Equal(rows[0].Hash, rows[1].PrevHash);
        Assert.Equal(rows[1].Hash, rows[2].PrevHash);
        Assert.All(rows, r => Assert.Matches("^[0-9a-f]{64}$", r.Hash));

        await LedgerChainAssert.IntactAsync(database, 3);

        var loaded = await LoadAsync(database, gate.Number);
        Assert.Equal(GateState.Approved, loaded.State);
        Assert.Equal(2, loaded.SignOffs.Count);
    }

    [Fact]
    public async Task Resubmitting_marks_the_old_revisions_sign_offs_stale_and_keeps_them()
    {
        var database = Database;
        await GateFixtures.AddPeopleAsync(database);
        var gate = await OpenAsync(database);
        var approved = GateFixtures.Approve(gate, "amara", "SecArch", "SecurityArchitect", T0.AddMinutes(5));
        await SaveAsync(database, gate, approved);
        var rejected = GateFixtures.Reject(approved.Gate, "maya", "SOC", "SeniorSocEngineer", "no alerting on refunds", T0.AddMinutes(6));
        await SaveAsync(database, approved.Gate, rejected);
        Assert.Equal(GateState.ChangesRequested, (await LoadAsync(database, gate.Number)).State);
        var resubmitted = GateFixtures.Resubmit(rejected.Gate, "alerting added", T0.AddHours(2));

        Assert.True(await SaveAsync(database, rejected.Gate, resubmitted));

        var loaded = await LoadAsync(database, gate.Number);
        Assert.Equal(resubmitted.Gate.SignOffs, loaded.SignOffs, SignOffComparer.Instance);
        Assert.All(loaded.SignOffs, s => Assert.True(s.IsStale));
        Assert.Empty(loaded.CurrentSignOffs);
        Assert.Equal((2, 1, GateState.Open, (DateTimeOffset?)null), (loaded.Revision, loaded.StageNumber, loaded.State, loaded.DecidedAt));
        Assert.Equal(T0.AddHours(2), loaded.StageOpenedAt);

        // Gate-level rows (changes-requested, resubmitted) stay out of the aggregate and are never marked stale.
        Assert.Equal(0L, await database.ScalarAsync<long>("SELECT count(*) FROM signoffs WHERE kind = 'gate-decision' AND is_stale = 1"));
        Assert.Equal(4L, await database.ScalarAsync<long>("SELECT count(*) FROM signoffs"));

        // New sign-offs of the new revision fill the seats again.
        var again = GateFixtures.Approve(loaded, "amara", "SecArch", "SecurityArchitect", T0.AddHours(3));
        Assert.True(await SaveAsync(database, loaded, again));
        Assert.Single((await LoadAsync(database, gate.Number)).CurrentSignOffs);
    }

    [Fact]
    public async Task Open_gates_list_newest_first_with_their_sign_offs_and_leave_out_approved_ones()
    {
        var database = Database;
        await GateFixtures.AddPeopleAsync(database);
        var first = await OpenAsync(database, 1);
        var second = await OpenAsync(database, 2);
        var third = await OpenAsync(database, 3);
        var signed = GateFixtures.Approve(first, "amara", "SecArch", "SecurityArchitect", T0.AddMinutes(1));
        await SaveAsync(database, first, signed);
        await SaveAsync(database, third, GateFixtures.Approve(third, "maya", "SOC", "SeniorSocEngineer", T0.AddMinutes(2), approvesGate: true));
        await SaveAsync(database, second, GateFixtures.Reject(second, "maya", "SOC", "SeniorSocEngineer", "no", T0.AddMinutes(3)));

        var open = await database.Store.ReadAsync(c => Gates.ListOpenAsync(c, CancellationToken.None), CancellationToken.None);

        Assert.Equal([2L, 1L], open.Select(g => g.Number));
        Assert.Equal(GateState.ChangesRequested, open[0].State);
        Assert.Equal("amara", Assert.Single(open[1].SignOffs).PersonId);
    }

    [Fact]
    public async Task A_decision_about_another_gate_or_that_keeps_the_version_is_refused_as_a_programming_error()
    {
        var database = Database;
        await GateFixtures.AddPeopleAsync(database);
        var gate = await OpenAsync(database);
        var approved = GateFixtures.Approve(gate, "amara", "SecArch", "SecurityArchitect", T0.AddMinutes(5));

        await Assert.ThrowsAsync<ArgumentException>(() => SaveAsync(database, gate with { Number = 2 }, approved));
        await Assert.ThrowsAsync<ArgumentException>(() => SaveAsync(database, gate, approved with { Gate = approved.Gate with { Version = gate.Version } }));

        Assert.Equal(0, await database.CountAsync("signoffs"));
    }

    [Fact]
    public async Task Review_timer_payload_round_trips_and_refuses_what_is_not_one()
    {
        var timer = new ReviewTimer(7, 2, 3, ReviewTimerPurpose.ManagerNotice, T0);

        var payload = ReviewTimerPayload.Write(timer);

        Assert.Equal("""{"gate":7,"revision":2,"stage":3,"purpose":"manager-notice"}""", payload);
        Assert.Equal(timer, ReviewTimerPayload.Read(payload, T0));
        Assert.Throws<InvalidDataException>(() => ReviewTimerPayload.Read(null, T0));
        Assert.Throws<InvalidDataException>(() => ReviewTimerPayload.Read("{", T0));
        Assert.Throws<InvalidDataException>(() => ReviewTimerPayload.Read("""{"gate":7,"revision":2,"stage":3,"purpose":"nag"}""", T0));
        Assert.Throws<InvalidDataException>(() => ReviewTimerPayload.Read("""{"incident":7,"level":"L1","step":1}""", T0));
    }

    private static async Task<(long Gates, long Signoffs, long Events, long Timers, long Version)> CountsAsync(ContractDatabase database) => (
        await database.CountAsync("gates"),
        await database.CountAsync("signoffs"),
        await database.CountAsync("gate_events"),
        await database.CountAsync("timers"),
        await database.ScalarAsync<long>("SELECT coalesce(sum(version), 0) FROM gates"));
}

public sealed class SqliteGateRepositoryContract : GateRepositoryContract
{
    protected override Task<ContractDatabase> CreateDatabaseAsync() => SqliteContractDatabase.CreateAsync();
}

[Collection(PostgresCollection.Name)]
public sealed class PostgresGateRepositoryContract(PostgresFixture fixture) : GateRepositoryContract
{
    protected override Task<ContractDatabase> CreateDatabaseAsync() => PostgresContract.CreateAsync(fixture);
}
