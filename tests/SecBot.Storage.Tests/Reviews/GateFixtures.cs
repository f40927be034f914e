using SecBot.Domain.Reviews;
using SecBot.Storage.Tests.Support;

namespace SecBot.Storage.Tests.Reviews;

/// <summary>
/// Engine-shaped decisions built by hand (the storage tests do not load a policy): each moves the version on by one,
/// appends its sign-off to the gate and to the ledger, and adds a timeline row, as <see cref="ReviewGateEngine"/> does.
/// </summary>
internal static class GateFixtures
{
    public const string Requester = "diego";
    public const string Slack = "slack";

    public static readonly string[] People = ["diego", "maya", "sam", "amara", "hannah", "priya", "olivia"];

    public static async Task AddPeopleAsync(IStoreTestDatabase database, IEnumerable<string>? more = null)
    {
        foreach (var person in People.Concat(more ?? []))
        {
            await database.AddPersonAsync(person, Name(person));
        }
    }

    public static string Name(string person) => char.ToUpperInvariant(person[0]) + person[1..] + " Example";

    /// <param name="ledger">
    /// Write the <see cref="LedgerDecisions.Opened"/> ledger row the engine writes today; false (the default) opens the
    /// gate as the engine did before openings were recorded, with no ledger row.
    /// </param>
    public static GateDecision Open(
        long number, DateTimeOffset at, string type = "high-risk-deploy", string title = "Payments API", long? incident = null, bool ledger = false)
    {
        var gate = new Gate
        {
            Number = number,
            Type = type,
            Title = title,
            RequestedBy = Requester,
            RequestedAt = at,
            RequestedVia = Slack,
            State = GateState.Open,
            StageOpenedAt = at,
            IncidentNumber = incident,
            Version = 1,
        };
        List<LedgerEntry> entries = ledger
            ? [new LedgerEntry(number, 1, 1, LedgerEntry.WholeGate, Requester, "CloudSecurityEngineer", LedgerDecisions.Opened, GateOpening.Format(type, title), [], Slack, false, at)]
            : [];
        return new GateDecision(
            gate,
            entries,
            null,
            [new GateEvent(at, GateEventKinds.Opened, Requester, $"{type} review opened: {title}"), new GateEvent(at, GateEventKinds.ReviewRequested, GateEvent.System, "asked SecArch, SOC")],
            [],
            [new ReviewTimer(number, 1, 1, ReviewTimerPurpose.Reminder, at.AddHours(24)), new ReviewTimer(number, 1, 1, ReviewTimerPurpose.ManagerNotice, at.AddHours(72))]);
    }

    /// <summary>
    /// The review a resolve opens, as the engine opens it: requested for the incident's <paramref name="lead"/>, and its
    /// opened row naming <paramref name="resolvedBy"/>, who acted, with <c>requested_for</c> the lead.
    /// </summary>
    public static GateDecision OpenedOnResolve(long number, DateTimeOffset at, long incident, string lead, string resolvedBy, string resolverRole)
    {
        var opened = Open(number, at, type: "incident-postmortem", title: $"Incident postmortem for INC-{incident}: Customer data exposure", incident: incident);
        var gate = opened.Gate with { RequestedBy = lead, RequestedVia = GateEvent.System };
        var entry = new LedgerEntry(number, 1, 1, LedgerEntry.WholeGate, resolvedBy, resolverRole, LedgerDecisions.Opened,
            GateOpening.Format(gate.Type, gate.Title, requestedFor: lead), [], GateEvent.System, false, at);
        return opened with { Gate = gate, Ledger = [entry] };
    }

    public static GateDecision Approve(
        Gate gate, string person, string seat, string role, DateTimeOffset at, bool optional = false, bool approvesGate = false, string? comment = "looks good") =>
        SignOff(gate, new SignOff(gate.Revision, gate.StageNumber, seat, person, role, SignOffDecision.Approve, comment, ["Security controls", "Monitoring coverage"], Slack, at, optional), approvesGate);

    public static GateDecision Override(Gate gate, string manager, string seat, string reason, DateTimeOffset at) =>
        SignOff(gate, new SignOff(gate.Revision, gate.StageNumber, seat, manager, "SecOpsManager", SignOffDecision.Override, reason, [], "teams", at));

    public static GateDecision Comment(Gate gate, string person, string seat, string role, string text, DateTimeOffset at) =>
        SignOff(gate, new SignOff(gate.Revision, gate.StageNumber, seat, person, role, SignOffDecision.Comment, text, [], Slack, at, IsOptionalSeat: true));

    public static GateDecision Reject(Gate gate, string person, string seat, string role, string reason, DateTimeOffset at)
    {
        var signOff = new SignOff(gate.Revision, gate.StageNumber, seat, person, role, SignOffDecision.Reject, reason, [], Slack, at);
        var next = gate with { SignOffs = [.. gate.SignOffs, signOff], State = GateState.ChangesRequested, DecidedAt = at, Version = gate.Version + 1 };
        return new GateDecision(
            next,
            [LedgerEntry.Of(gate.Number, signOff), new LedgerEntry(gate.Number, gate.Revision, gate.StageNumber, LedgerEntry.WholeGate, person, role, LedgerDecisions.ChangesRequested, reason, [], Slack, false, at)],
            null,
            [new GateEvent(at, GateEventKinds.ChangesRequested, person, $"{person} requested changes: {reason}")],
            [],
            []);
    }

    public static GateDecision Resubmit(Gate gate, string note, DateTimeOffset at)
    {
        var revision = gate.Revision + 1;
        var next = gate with
        {
            Revision = revision,
            StageNumber = 1,
            State = GateState.Open,
            StageOpenedAt = at,
            DecidedAt = null,
            SignOffs = [.. gate.SignOffs.Select(s => s.Revision < revision ? s with { IsStale = true } : s)],
            Version = gate.Version + 1,
        };
        return new GateDecision(
            next,
            [new LedgerEntry(gate.Number, revision, 1, LedgerEntry.WholeGate, gate.RequestedBy, "CloudSecurityEngineer", LedgerDecisions.Resubmitted, note, [], Slack, false, at)],
            new StaleSignOffs(gate.Number, revision),
            [new GateEvent(at, GateEventKinds.Resubmitted, gate.RequestedBy, $"revision {revision}: {note}")],
            [],
            [new ReviewTimer(gate.Number, revision, 1, ReviewTimerPurpose.Reminder, at.AddHours(24))]);
    }

    private static GateDecision SignOff(Gate gate, SignOff signOff, bool approvesGate = false)
    {
        var next = gate with { SignOffs = [.. gate.SignOffs, signOff], Version = gate.Version + 1 };
        List<LedgerEntry> ledger = [LedgerEntry.Of(gate.Number, signOff)];
        List<GateEvent> events = [new GateEvent(signOff.At, GateEventKinds.SignedOff, signOff.PersonId, $"{signOff.PersonId} {signOff.Decision} {signOff.SeatId}")];
        if (approvesGate)
        {
            next = next with { State = GateState.Approved, DecidedAt = signOff.At };
            ledger.Add(new LedgerEntry(gate.Number, gate.Revision, gate.StageNumber, LedgerEntry.WholeGate, signOff.PersonId, signOff.RoleHeld, LedgerDecisions.GateApproved, null, [], signOff.Platform, false, signOff.At));
            events.Add(new GateEvent(signOff.At, GateEventKinds.Approved, GateEvent.System, $"{gate.Key} approved"));
        }

        return new GateDecision(next, ledger, null, events, [], []);
    }
}
