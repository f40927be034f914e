using SecBot.Domain.Reviews;
using SecBot.Storage.Ledger;
using SecBot.Storage.Tests.Reviews;
using SecBot.Storage.Tests.Support;

namespace SecBot.Storage.Tests.Ledger;

internal static class LedgerTestData
{
    public static readonly DateTimeOffset T0 = TemporaryDatabase.Start;

    /// <summary>
    /// Two gates through the repository, seven ledger records: REV-1 amara approves (1), maya rejects (2) + changes
    /// requested (3), resubmitted (4, stale-marks 1 and 2); REV-2 olivia overrides SOC (5); REV-1 hannah comments (6),
    /// amara approves and the gate is approved (7, 8).
    /// </summary>
    public static async Task<TemporaryDatabase> LedgerAsync()
    {
        var database = await GateTestStore.PeopleAsync();
        var one = await GateTestStore.OpenAsync(database, 1);
        var two = await GateTestStore.OpenAsync(database, 2);
        one = await ApplyAsync(database, one, GateFixtures.Approve(one, "amara", "SecArch", "SecurityArchitect", T0.AddMinutes(1)));
        one = await ApplyAsync(database, one, GateFixtures.Reject(one, "maya", "SOC", "SeniorSocEngineer", "no alerting, \"none\" at all", T0.AddMinutes(2)));
        one = await ApplyAsync(database, one, GateFixtures.Resubmit(one, "alerting added", T0.AddDays(1)));
        two = await ApplyAsync(database, two, GateFixtures.Override(two, "olivia", "SOC", "=cover, on leave", T0.AddDays(1).AddMinutes(1)));
        one = await ApplyAsync(database, one, GateFixtures.Comment(one, "hannah", "RedTeam", "SeniorRedTeamEngineer", "line one\nline two", T0.AddDays(2)));
        await ApplyAsync(database, one, GateFixtures.Approve(one, "amara", "SecArch", "SecurityArchitect", T0.AddDays(2).AddMinutes(1), approvesGate: true));
        return database;
    }

    public const int Records = 8;

    /// <summary>
    /// Two gates opened as the engine opens them now, each with its opened record, then the same story as
    /// <see cref="LedgerAsync"/>, ten records: REV-1 opened (1), REV-2 opened (2); REV-1 amara approves (3), maya
    /// rejects (4) + changes requested (5), resubmitted (6, stale-marks 3 and 4); REV-2 olivia overrides SOC (7);
    /// REV-1 hannah comments (8), amara approves and the gate is approved (9, 10).
    /// </summary>
    public static async Task<TemporaryDatabase> LedgerWithOpenedGatesAsync()
    {
        var database = await GateTestStore.PeopleAsync();
        var one = await ApplyAsync(database, null, GateFixtures.Open(1, T0, title: "Payments API, \"v2\"", ledger: true));
        var two = await ApplyAsync(database, null, GateFixtures.Open(2, T0, type: "threat-model", title: "=Ledger service", ledger: true));
        one = await ApplyAsync(database, one, GateFixtures.Approve(one, "amara", "SecArch", "SecurityArchitect", T0.AddMinutes(1)));
        one = await ApplyAsync(database, one, GateFixtures.Reject(one, "maya", "SOC", "SeniorSocEngineer", "no alerting, \"none\" at all", T0.AddMinutes(2)));
        one = await ApplyAsync(database, one, GateFixtures.Resubmit(one, "alerting added", T0.AddDays(1)));
        two = await ApplyAsync(database, two, GateFixtures.Override(two, "olivia", "SOC", "=cover, on leave", T0.AddDays(1).AddMinutes(1)));
        one = await ApplyAsync(database, one, GateFixtures.Comment(one, "hannah", "RedTeam", "SeniorRedTeamEngineer", "line one\nline two", T0.AddDays(2)));
        await ApplyAsync(database, one, GateFixtures.Approve(one, "amara", "SecArch", "SecurityArchitect", T0.AddDays(2).AddMinutes(1), approvesGate: true));
        return database;
    }

    public const int RecordsWithOpenedGates = 10;

    /// <summary>
    /// <see cref="LedgerWithOpenedGatesAsync"/>, then the postmortem a resolve opens: REV-3, for INC-1, opened by olivia
    /// (who resolved it) for priya (its lead) (11); sam approves its first seat (12). Every kind of record an auditor
    /// meets: openings, approvals, a rejection, a resubmission, an override, an optional comment, and a gate opened on
    /// someone's behalf.
    /// </summary>
    public static async Task<TemporaryDatabase> AuditedLedgerAsync()
    {
        var database = await LedgerWithOpenedGatesAsync();
        var incident = await database.AddIncidentAsync("Customer data exposure");
        var postmortem = await ApplyAsync(database, null, GateFixtures.OpenedOnResolve(3, T0.AddDays(3), incident, lead: "priya", resolvedBy: "olivia", "SecOpsManager"));
        await ApplyAsync(database, postmortem, GateFixtures.Approve(postmortem, "sam", "SecArch", "SecurityArchitect", T0.AddDays(3).AddMinutes(5), comment: null));
        return database;
    }

    public const int AuditedRecords = 12;

    public static async Task<LedgerVerification> VerifyAsync(TemporaryDatabase database) =>
        await database.Store.ReadAsync(c => LedgerVerifier.VerifyAsync(c, CancellationToken.None), CancellationToken.None);

    private static async Task<Gate> ApplyAsync(TemporaryDatabase database, Gate? before, GateDecision decision)
    {
        Assert.True(await GateTestStore.SaveAsync(database, before, decision));
        return decision.Gate;
    }
}
