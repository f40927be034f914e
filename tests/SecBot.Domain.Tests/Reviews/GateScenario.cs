namespace SecBot.Domain.Tests.Reviews;

using Microsoft.Extensions.Time.Testing;
using SecBot.Domain.Policy;
using SecBot.Domain.Reviews;
using SecBot.Domain.Tests.Policy;
using RosterModel = SecBot.Domain.Roster.Roster;

/// <summary>
/// Drives one review gate through <see cref="ReviewGateEngine"/> the way the bot does, over the shipped
/// appsettings.json policy: a fake clock, the gate as updated by every decision, the timers set so far and a log
/// of every decision. Refused calls change nothing.
/// </summary>
/// <remarks>
/// Shipped roster: maya (SeniorSocEngineer; SecurityArchitect 2025-07-01..2025-12-31), sam (SocEngineer),
/// priya (IncidentResponseLead), diego (CloudSecurityEngineer, no seat), hannah (SeniorRedTeamEngineer),
/// leo (RedTeamEngineer), amara (SecurityArchitect; SeniorSocEngineer 2025-07-01..2025-12-31),
/// kenji (SecurityToolEngineer), olivia (SecOpsManager), raj (SecEngManager), elena (Executive).
/// Roster days are Europe/London days, which equal UTC days in winter.
/// </remarks>
internal sealed class GateScenario
{
    public const string Maya = "maya";
    public const string Sam = "sam";
    public const string Priya = "priya";
    public const string Diego = "diego";
    public const string Hannah = "hannah";
    public const string Leo = "leo";
    public const string Amara = "amara";
    public const string Kenji = "kenji";
    public const string Olivia = "olivia";
    public const string Raj = "raj";

    public const string Slack = "slack";

    /// <summary>A Monday in March 2026, long after the last rotation of the shipped roster.</summary>
    public static readonly DateTimeOffset Monday = new(2026, 3, 2, 10, 0, 0, TimeSpan.Zero);

    /// <summary>The last day of the 2025 rotation: maya is the Security Architect, amara a Senior SOC Engineer.</summary>
    public static readonly DateTimeOffset BeforeRotation = new(2025, 12, 31, 10, 0, 0, TimeSpan.Zero);

    /// <summary>Two days after the rotation back: amara is the Security Architect again, maya a Senior SOC Engineer.</summary>
    public static readonly DateTimeOffset AfterRotation = new(2026, 1, 2, 10, 0, 0, TimeSpan.Zero);

    private readonly List<ReviewTimer> _timers = [];
    private readonly List<GateDecision> _decisions = [];
    private Gate? _gate;

    /// <param name="change">Edits the shipped policy before the engine is built, for the few rules the seed org cannot show.</param>
    public GateScenario(DateTimeOffset start, Action<PolicyOptions>? change = null)
    {
        Policy = ShippedConfiguration.LoadPolicy();
        change?.Invoke(Policy);
        Clock = new FakeTimeProvider(start);
        Roster = RosterModel.From(Policy.Roster);
        Engine = new ReviewGateEngine(new ReviewPolicy(Policy.Reviews), Roster);
    }

    public PolicyOptions Policy { get; }
    public FakeTimeProvider Clock { get; }
    public RosterModel Roster { get; }
    public ReviewGateEngine Engine { get; }
    public DateTimeOffset Now => Clock.GetUtcNow();

    public Gate Gate => _gate ?? throw new InvalidOperationException("No gate has been opened yet.");
    public IReadOnlyList<GateDecision> Decisions => _decisions;
    public IReadOnlyList<ReviewTimer> Timers => [.. _timers.OrderBy(t => t.DueAt)];
    public IReadOnlyList<LedgerEntry> Ledger => [.. _decisions.SelectMany(d => d.Ledger)];

    /// <summary>Every item of the gate type's checklist, as a careful approver attests it.</summary>
    public IReadOnlyList<string> FullChecklist => Policy.Reviews.GateTypes.Single(t => t.Id == Gate.Type).Checklist;

    public Outcome<GateDecision> Open(string type, string by = Diego, string title = "Payments API", long number = 1) =>
        Apply(Engine.Open(new OpenGate(type, title, by, null, Slack), number, Now));

    public Outcome<GateDecision> OpenForIncident(string type, long incident, string lead, string incidentTitle, string? resolvedBy = null) =>
        Apply(Engine.OpenForIncident(type, incident, lead, resolvedBy ?? lead, incidentTitle, 1, Now));

    /// <summary>Approves with the whole checklist attested unless <paramref name="checklist"/> says otherwise.</summary>
    public Outcome<GateDecision> Approve(string person, string? seat = null, string? comment = null, IReadOnlyCollection<string>? checklist = null) =>
        Apply(Engine.Approve(Gate, person, seat, comment, checklist ?? FullChecklist, Slack, Now));

    public Outcome<GateDecision> Reject(string person, string? reason) => Apply(Engine.Reject(Gate, person, reason, Slack, Now));

    public Outcome<GateDecision> Comment(string person, string? text, string? seat = null) => Apply(Engine.Comment(Gate, person, seat, text, Slack, Now));

    public Outcome<GateDecision> Object(string person, string? reason, string? seat = null) => Apply(Engine.Object(Gate, person, seat, reason, Slack, Now));

    public Outcome<GateDecision> Override(string manager, string? seat, string? reason) => Apply(Engine.Override(Gate, manager, seat, reason, Slack, Now));

    public Outcome<GateDecision> Resubmit(string person, string? note = null) => Apply(Engine.Resubmit(Gate, person, note, Slack, Now));

    /// <summary>Approves each person in turn, failing the test on the first refusal.</summary>
    public GateScenario ApprovedBy(params string[] people)
    {
        foreach (var person in people) Approve(person).Decided();
        return this;
    }

    /// <summary>
    /// Moves the clock on, firing every timer that comes due on the way at its due time, as the clock service does.
    /// Returns what the engine made of each (null: the timer was overtaken).
    /// </summary>
    public IReadOnlyList<(ReviewTimer Timer, GateDecision? Decision)> AdvanceAndFireDueTimers(TimeSpan by)
    {
        var until = Now + by;
        var fired = new List<(ReviewTimer, GateDecision?)>();
        while (_timers.OrderBy(t => t.DueAt).FirstOrDefault() is { } next && next.DueAt <= until)
        {
            _timers.Remove(next);
            if (next.DueAt > Now) Clock.SetUtcNow(next.DueAt);
            var decision = Engine.OnTimer(Gate, next, Now);
            if (decision is not null) Record(decision);
            fired.Add((next, decision));
        }

        Clock.SetUtcNow(until);
        return fired;
    }

    private Outcome<GateDecision> Apply(Outcome<GateDecision> outcome)
    {
        if (outcome.Value is { } decision) Record(decision);
        return outcome;
    }

    private void Record(GateDecision decision)
    {
        _gate = decision.Gate;
        _timers.AddRange(decision.Timers);
        _decisions.Add(decision);
    }
}

internal static class GateOutcomes
{
    /// <summary>People asked to sign required seats, in ordinal order.</summary>
    public static IReadOnlyList<string> ReviewersAsked(this GateDecision decision) =>
        Sorted(decision.Notices.OfType<ReviewRequestNotice>().Select(n => n.PersonId));

    /// <summary>People told they may review optionally, in ordinal order.</summary>
    public static IReadOnlyList<string> OptionalReviewersTold(this GateDecision decision) =>
        Sorted(decision.Notices.OfType<OptionalReviewNotice>().Select(n => n.PersonId));

    /// <summary>People sent a direct message of one kind, in ordinal order.</summary>
    public static IReadOnlyList<string> ToldDirectly(this GateDecision decision, string kind) =>
        Sorted(decision.Notices.OfType<DirectNotice>().Where(n => n.Kind == kind).Select(n => n.PersonId));

    public static IReadOnlyList<string> Sorted(IEnumerable<string> ids) => [.. ids.Order(StringComparer.Ordinal)];

    /// <summary>The decision, or a failed test that shows the refusal.</summary>
    public static GateDecision Decided(this Outcome<GateDecision> outcome)
    {
        Assert.False(outcome.IsRefused, $"refused: {outcome.Refusal}");
        return outcome.Value!;
    }

    /// <summary>The refusal, or a failed test.</summary>
    public static string Refused(this Outcome<GateDecision> outcome)
    {
        Assert.True(outcome.IsRefused, "expected a refusal, but the engine decided");
        return outcome.Refusal!;
    }
}
