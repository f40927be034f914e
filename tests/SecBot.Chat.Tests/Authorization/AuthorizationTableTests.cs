using System.Globalization;
using SecBot.Chat.Cards;
using SecBot.Chat.Conversation;
using SecBot.Chat.Delivery;
using SecBot.Chat.Tests.Support;
using SecBot.Domain.Policy;
using SecBot.Domain.Reviews;
using SecBot.Storage;
using SecBot.Storage.Delivery;
using SecBot.Storage.Tests.Support;
using RosterModel = SecBot.Domain.Roster.Roster;

namespace SecBot.Chat.Tests.Authorization;

/// <summary>
/// Who may do what, for every role of the policy, through the chat layer (ChatRouter over a real SQLite store): each row
/// is one role's holder trying one action on a fresh database. The expected column is written here as data, from the
/// rules of policy.md (quoted at each entry), not read from the configuration: a change in code or configuration that
/// lets the wrong person act, or stops the right one, shows up as a mismatch. A refusal must also leave every table as it was.
/// Holders are found on the roster at the test's date; a role nobody holds gets a test person holding only it.
/// </summary>
public sealed class AuthorizationTableTests
{
    private const string SecOpsManager = "SecOpsManager";
    private const string SecEngManager = "SecEngManager";

    /// <summary>policy.md, "Roles": every role id of the policy, and the two more ids it also names as valid.</summary>
    private static readonly string[] PolicyRoles =
    [
        "SocEngineer", "SeniorSocEngineer", "IncidentResponseLead", "CloudSecurityEngineer", "SeniorRedTeamEngineer", "RedTeamEngineer",
        "SecurityArchitect", "SecurityToolEngineer", SecOpsManager, SecEngManager, "Executive", "VulnerabilityManagementEngineer", "SecurityResearcher",
    ];

    /// <summary>"Executive is a business decision, taken only by a SecOps or SecEng manager"; "a manager may record an override".</summary>
    private static readonly string[] Managers = [SecOpsManager, SecEngManager];

    /// <summary>Anyone on the roster.</summary>
    private static readonly string[] Everyone = PolicyRoles;

    /// <summary>
    /// The rules of policy.md as data: the roles whose holders may do each action. Ack and resolve: the people paged on the
    /// incident (at L2: "SeniorSocEngineer + IncidentResponseLead") and the managers (the README's "MayAcknowledge").
    /// </summary>
    private static readonly Dictionary<string, string[]> MayDo = new(StringComparer.Ordinal)
    {
        // "L1 | any alert/event": anyone on the roster declares; nothing restricts declaring at a level below Executive.
        [Actions.Declare] = Everyone,
        [Actions.DeclareAtExecutive] = Managers,
        // "Escalating to a level pages that level's roles": anyone may bring in more help, up to L3.
        [Actions.Escalate] = Everyone,
        [Actions.EscalateToExecutive] = Managers,
        [Actions.AcknowledgeAtL2] = ["SeniorSocEngineer", "IncidentResponseLead", .. Managers],
        [Actions.ResolveAtL2] = ["SeniorSocEngineer", "IncidentResponseLead", .. Managers],
        // Rule 6: "A manager may record an override for a seat, with a mandatory reason" (at the 72 h manager notice).
        [Actions.Override] = Managers,
        // "a person can cover another's shift": a role's holder covers it; the Executive is outside the org, on no shift.
        [Actions.CoverOwnShift] = [.. PolicyRoles.Except(["Executive"])],
        // Nobody on call "pages the role's manager (SecOps or SecEng by team)": the SOC Engineer's team manager puts others on call.
        [Actions.CoverSomeoneElse] = [SecOpsManager],
        // Issue 15: a SecOps or SecEng manager re-queues what SecBot gave up on.
        [Actions.Retry] = Managers,
        // Rule 2: "the requester never signs their own gate".
        [Actions.ApproveOwnGate] = [],
    };

    /// <summary>policy.md, "Review gates": the seats as role groups.</summary>
    private static readonly Dictionary<string, string[]> Seats = new(StringComparer.Ordinal)
    {
        ["SecArch"] = ["SecurityArchitect"],
        ["RedTeam"] = ["RedTeamEngineer", "SeniorRedTeamEngineer"],
        ["SOC"] = ["SocEngineer", "SeniorSocEngineer"],
        ["IRLead"] = ["IncidentResponseLead"],
        ["SeniorRedTeamEngineer"] = ["SeniorRedTeamEngineer"],
        ["SecEngManager"] = [SecEngManager],
    };

    /// <summary>policy.md's approval matrix and stages: per gate type, each stage's required and optional seats.</summary>
    private static readonly Dictionary<string, GateStage[]> GateTypes = new(StringComparer.Ordinal)
    {
        ["new-microservice"] = [new(["SecArch"]), new(["SecArch", "IRLead"]), new(["RedTeam"]), new(["SOC"])],
        ["high-risk-deploy"] = [new(["SecArch", "RedTeam", "SOC", "IRLead"])],
        ["security-tool"] = [new(["SecArch", "SOC"], ["RedTeam", "IRLead"])],
        ["threat-model"] = [new(["SecArch", "RedTeam", "IRLead"], ["SOC"])],
        ["incident-postmortem"] = [new(["RedTeam", "SOC", "IRLead"], ["SecArch"])],
        ["detection-rules"] = [new(["RedTeam", "SOC"], ["SecArch", "IRLead"])],
        ["runbook-update"] = [new(["SeniorRedTeamEngineer", "SOC"])],
        ["tool-request"] = [new(["SecEngManager"])],
    };

    /// <summary>Rule 6: "after 72 h the seat's team manager is told"; an override is for a seat still unsigned then.</summary>
    private static readonly TimeSpan ManagerNotice = TimeSpan.FromHours(72);

    public static TheoryData<string, string> Rows()
    {
        var rows = new TheoryData<string, string>();
        foreach (var role in PolicyRoles)
        {
            foreach (var action in MayDo.Keys) rows.Add(action, role);
            foreach (var (type, stages) in GateTypes)
            {
                for (var stage = 1; stage <= stages.Length; stage++) rows.Add(Actions.Approve(type, stage), role);
            }
        }

        return rows;
    }

    [Fact]
    public void The_table_covers_every_role_and_gate_type_of_the_shipped_policy()
    {
        var policy = ChatHarness.ShippedPolicy();
        Assert.Equal(PolicyRoles.Order(StringComparer.Ordinal), policy.Roster.Roles.Select(r => r.Id).Order(StringComparer.Ordinal));
        Assert.Equal(GateTypes.Keys.Order(StringComparer.Ordinal), policy.Reviews.GateTypes.Select(t => t.Id).Order(StringComparer.Ordinal));
    }

    [Theory]
    [MemberData(nameof(Rows))]
    public async Task Who_may_do_what(string action, string role)
    {
        await using var db = await TemporaryDatabase.MigratedAsync();
        var chat = await ChatHarness.StartAsync(db, policy: ChatHarness.ShippedPolicy(GiveEveryRoleAHolder));
        var actor = HolderOf(chat.Roster, role, chat.Time.GetUtcNow());
        var attempt = await ArrangeAsync(chat, action, actor);
        var before = await SnapshotAsync(chat.Store);

        var reply = await attempt();

        var expected = Expected(action, role, actor, chat);
        Assert.True(expected == !reply.IsRefusal, $"{role} ({actor}) {action}: expected {(expected ? "allowed" : "refused")}, got: {reply.Text}");
        var after = await SnapshotAsync(chat.Store);
        if (reply.IsRefusal)
        {
            Assert.Equal(before, after);
        }
        else
        {
            Assert.NotEqual(before, after);
            if (Actions.TryReadApprove(action, out var type, out var stage)) await AssertSignedAsync(chat, type, stage, role, actor);
        }
    }

    private static bool Expected(string action, string role, string actor, ChatHarness chat)
    {
        if (!Actions.TryReadApprove(action, out var type, out var stage)) return MayDo[action].Contains(role, StringComparer.Ordinal);
        // Rules 1-3 and 5: a holder of a seat of the open stage, required or optional, who did not request the gate.
        return SeatFor(GateTypes[type][stage - 1], role) is not null && !actor.Equals(RequesterOf(chat.Roster, type, chat.Time.GetUtcNow()), StringComparison.Ordinal);
    }

    /// <summary>Sets up what the action acts on (as other people) and returns the actor's attempt.</summary>
    private static async Task<Func<Task<ChatReply>>> ArrangeAsync(ChatHarness chat, string action, string actor)
    {
        var now = chat.Time.GetUtcNow();
        var manager = HolderOf(chat.Roster, SecOpsManager, now);
        switch (action)
        {
            case Actions.Declare:
                return () => chat.SayAsync(actor, "declare Suspicious login on VPN");
            case Actions.DeclareAtExecutive:
                return () => chat.SayAsync(actor, "declare Data leak in the press level:Executive");
            case Actions.Escalate:
                await chat.DeclareAsync(manager, "Suspicious login on VPN");
                return () => chat.SayAsync(actor, "escalate INC-1 need deeper analysis");
            case Actions.EscalateToExecutive:
                await chat.DeclareAsync(manager, "Customer data exposed level:L3");
                return () => chat.SayAsync(actor, "escalate INC-1 company-wide");
            case Actions.AcknowledgeAtL2:
                await DeclareAtL2Async(chat, manager);
                return () => chat.SayAsync(actor, "ack INC-1");
            case Actions.ResolveAtL2:
                await DeclareAtL2Async(chat, manager);
                return () => chat.SayAsync(actor, "resolve INC-1 false alarm");
            case Actions.Override:
                await SayOkAsync(chat, RequesterOf(chat.Roster, "high-risk-deploy", now), "review high-risk-deploy Payments API v2");
                chat.Time.Advance(ManagerNotice);
                return () => chat.SayAsync(actor, "override REV-1 SecArch the architect is away for a month");
            case Actions.CoverOwnShift:
                return () => chat.SayAsync(actor, $"cover {RoleOf(chat.Roster, actor, now)} {Tomorrow(now, 9)} {Tomorrow(now, 17)}");
            case Actions.CoverSomeoneElse:
                var rotationRole = chat.Policy.Roster.Rotations[0].Role;
                var other = chat.Roster.HoldersOf(rotationRole, now).First(p => p.Id != actor);
                return () => chat.SayAsync(actor, $"cover {rotationRole} {Tomorrow(now, 9)} {Tomorrow(now, 17)} <@{other.SlackUserId}>");
            case Actions.Retry:
                await chat.DeclareAsync(manager, "Suspicious login on VPN");
                var message = (await chat.OutboxAsync())[0].Id;
                await new OutboxRepository(chat.Store).MarkDeadAsync(
                    message, "chat.postMessage: invalid_auth", UndeliveredMessage.TimelineNote(chat.SubjectTimeline, chat.Roster.PersonName), CancellationToken.None);
                return () => chat.SayAsync(actor, $"retry MSG-{message}");
            case Actions.ApproveOwnGate:
                var role = RoleOf(chat.Roster, actor, now);
                var own = GateTypes.FirstOrDefault(t => SeatFor(t.Value[0], role) is not null).Key ?? "high-risk-deploy";
                await SayOkAsync(chat, actor, $"review {own} Something of mine");
                return () => ApproveAsync(chat, actor, own, 1);
            default:
                Assert.True(Actions.TryReadApprove(action, out var type, out var stage), $"no arrangement for {action}");
                await OpenGateAtStageAsync(chat, type, stage);
                return () => ApproveAsync(chat, actor, type, stage);
        }
    }

    private static async Task DeclareAtL2Async(ChatHarness chat, string declarer)
    {
        await chat.DeclareAsync(declarer, "Lateral movement level:L2");
        // The paged column above assumes policy.md's L2: every holder of SeniorSocEngineer and IncidentResponseLead.
        var now = chat.Time.GetUtcNow();
        var holders = new[] { "SeniorSocEngineer", "IncidentResponseLead" }.SelectMany(r => chat.Roster.HoldersOf(r, now)).Select(p => p.Id).Order(StringComparer.Ordinal);
        Assert.Equal(holders, (await chat.IncidentAsync(1)).PeopleOnIncident.Order(StringComparer.Ordinal));
    }

    /// <summary>Opens a gate of <paramref name="type"/> for its requester and has the earlier stages signed by holders of their seats.</summary>
    private static async Task OpenGateAtStageAsync(ChatHarness chat, string type, int stage)
    {
        var now = chat.Time.GetUtcNow();
        var requester = RequesterOf(chat.Roster, type, now);
        await SayOkAsync(chat, requester, $"review {type} The thing under review");
        for (var earlier = 1; earlier < stage; earlier++)
        {
            var signed = new List<string> { requester };
            foreach (var seat in GateTypes[type][earlier - 1].Required)
            {
                var signer = Seats[seat].SelectMany(r => chat.Roster.HoldersOf(r, now)).First(p => !signed.Contains(p.Id)).Id;
                var reply = await ApproveAsync(chat, signer, type, earlier);
                Assert.False(reply.IsRefusal, reply.Text);
                signed.Add(signer);
            }
        }

        Assert.Equal(stage, (await chat.Store.GatesAsync()).Single().StageNumber);
    }

    /// <summary>The Approve button of the stage, with the checklist ticked where the gate type has one (policy.md, workflows 1 and 3).</summary>
    private static Task<ChatReply> ApproveAsync(ChatHarness chat, string person, string type, int stage)
    {
        var checklist = chat.Policy.Reviews.GateTypes.Single(t => t.Id == type).Checklist;
        var value = string.Create(CultureInfo.InvariantCulture, $"REV-1@1/{stage}");
        return checklist.Count == 0
            ? chat.PressAsync(person, ActionIds.Approve, value)
            : chat.PressAsync(person, ActionIds.Approve, value, (ActionIds.Inputs.Checklist, string.Join('\n', checklist)));
    }

    /// <summary>The approval landed on the seat policy.md gives the role: a required seat first, else an optional one.</summary>
    private static async Task AssertSignedAsync(ChatHarness chat, string type, int stage, string role, string actor)
    {
        var signOff = (await chat.Store.GatesAsync()).Single().CurrentSignOffs.Last();
        var seat = SeatFor(GateTypes[type][stage - 1], role)!;
        Assert.Equal((actor, role, stage, SignOffDecision.Approve, seat.Value.Optional), (signOff.PersonId, signOff.RoleHeld, signOff.StageNumber, signOff.Decision, signOff.IsOptionalSeat));
    }

    /// <summary>The seat of <paramref name="stage"/> a holder of <paramref name="role"/> signs: the first required one holding it, else the first optional one.</summary>
    private static (string Seat, bool Optional)? SeatFor(GateStage stage, string role)
    {
        if (stage.Required.FirstOrDefault(s => Seats[s].Contains(role, StringComparer.Ordinal)) is { } required) return (required, false);
        return stage.Optional.FirstOrDefault(s => Seats[s].Contains(role, StringComparer.Ordinal)) is { } optional ? (optional, true) : null;
    }

    /// <summary>Who requests a gate of <paramref name="type"/>: the first person on the roster with no seat on it and no manager role.</summary>
    private static string RequesterOf(RosterModel roster, string type, DateTimeOffset now)
    {
        var seated = GateTypes[type].SelectMany(s => s.Required.Concat(s.Optional)).SelectMany(s => Seats[s]).Concat(Managers).ToHashSet(StringComparer.Ordinal);
        return roster.People.First(p => roster.RolesHeldBy(p.Id, now) is { Count: > 0 } held && !held.Any(seated.Contains)).Id;
    }

    private static async Task SayOkAsync(ChatHarness chat, string person, string text)
    {
        var reply = await chat.SayAsync(person, text);
        Assert.False(reply.IsRefusal, reply.Text);
    }

    /// <summary>The first person on the roster holding <paramref name="role"/> now.</summary>
    private static string HolderOf(RosterModel roster, string role, DateTimeOffset now)
    {
        var holders = roster.HoldersOf(role, now);
        Assert.True(holders.Count > 0, $"nobody holds {role}");
        return holders[0].Id;
    }

    private static string RoleOf(RosterModel roster, string person, DateTimeOffset now) => roster.RolesHeldBy(person, now)[0];

    private static string Tomorrow(DateTimeOffset now, int hour) =>
        string.Create(CultureInfo.InvariantCulture, $"{now.AddDays(1):yyyy-MM-dd}T{hour:00}:00Z");

    /// <summary>
    /// Adds a test person for each role nobody holds at the test's date, and a second holder of the L1 rotation's role
    /// (so "someone else" is always someone); they join no rotation and change no one's pages.
    /// </summary>
    private static void GiveEveryRoleAHolder(PolicyOptions policy)
    {
        var roster = RosterModel.From(policy.Roster);
        var unheld = policy.Roster.Roles.Select(r => r.Id).Where(role => roster.HoldersOf(role, TemporaryDatabase.Start).Count == 0).ToList();
        foreach (var role in unheld.Append(policy.Roster.Rotations[0].Role))
        {
            var id = "test-" + role.ToLowerInvariant();
            if (policy.Roster.People.Any(p => p.Id == id)) id += "-2";
            policy.Roster.People.Add(new PersonOptions
            {
                Id = id,
                Name = $"Test {role}",
                Email = $"{id}@example.test",
                SlackUserId = "UTEST" + policy.Roster.People.Count.ToString(CultureInfo.InvariantCulture),
                Roles = [role],
            });
        }
    }

    /// <summary>Everything a chat command may change, as one comparable value: a refusal leaves it equal.</summary>
    private static async Task<string> SnapshotAsync(IStore store)
    {
        var lines = new List<string>();
        foreach (var incident in await store.IncidentsAsync())
        {
            lines.Add($"{incident.Key} {incident.State} {incident.Level} ack:{incident.AcknowledgedBy} pages:{incident.Pages.Count} events:{(await store.IncidentTimelineAsync(incident.Number)).Count}");
        }

        foreach (var gate in await store.GatesAsync())
        {
            lines.Add($"{gate.Key} {gate.State} r{gate.Revision} s{gate.StageNumber} signoffs:{gate.SignOffs.Count} events:{(await store.GateTimelineAsync(gate.Number)).Count}");
        }

        lines.Add($"ledger:{(await store.LedgerAsync()).Count} overrides:{(await store.OverridesAsync()).Count} requeues:{(await store.RequeuesAsync()).Count}");
        lines.AddRange((await store.OutboxEntriesAsync()).Select(m => $"MSG-{m.Id} {m.State} {m.NextAttemptAt:o}"));
        lines.AddRange((await store.TimersAsync()).Select(t => $"TMR-{t.Id} {t.DueAt:o} fired:{t.FiredAt:o} failed:{t.FailedAt:o}"));
        return string.Join('\n', lines);
    }

    private sealed record GateStage(string[] Required, string[]? OptionalSeats = null)
    {
        public string[] Optional => OptionalSeats ?? [];
    }

    private static class Actions
    {
        public const string Declare = "declare";
        public const string DeclareAtExecutive = "declare at Executive";
        public const string Escalate = "escalate";
        public const string EscalateToExecutive = "escalate to Executive";
        public const string AcknowledgeAtL2 = "ack at L2";
        public const string ResolveAtL2 = "resolve at L2";
        public const string Override = "override a seat";
        public const string CoverOwnShift = "cover own shift";
        public const string CoverSomeoneElse = "cover: put someone else on call";
        public const string Retry = "retry a dead letter";
        public const string ApproveOwnGate = "approve own gate";

        private const string ApprovePrefix = "approve ";

        public static string Approve(string type, int stage) => string.Create(CultureInfo.InvariantCulture, $"{ApprovePrefix}{type} stage {stage}");

        public static bool TryReadApprove(string action, out string type, out int stage)
        {
            type = "";
            stage = 0;
            if (!action.StartsWith(ApprovePrefix, StringComparison.Ordinal) || action == ApproveOwnGate) return false;
            var parts = action[ApprovePrefix.Length..].Split(" stage ");
            type = parts[0];
            stage = int.Parse(parts[1], CultureInfo.InvariantCulture);
            return true;
        }
    }
}
