namespace SecBot.Domain.Tests.Incidents;

using Microsoft.Extensions.Time.Testing;
using SecBot.Domain.Incidents;
using SecBot.Domain.Policy;
using SecBot.Domain.Roster;
using RosterModel = SecBot.Domain.Roster.Roster;

/// <summary>
/// Drives one incident through <see cref="EscalationEngine"/> the way the bot does: a fake clock, the current
/// incident as updated by every decision, the pending ack timers, and a log of every decision, notice and event.
/// </summary>
internal sealed class EscalationScenario
{
    private readonly List<EscalationTimer> _pending = [];
    private readonly List<RecordedDecision> _decisions = [];
    private readonly List<OnCallOverride> _overrides = [];
    private Incident? _incident;

    public EscalationScenario(DateTimeOffset start, PolicyOptions? policy = null)
    {
        Policy = policy ?? ScenarioPolicy.Options();
        Clock = new FakeTimeProvider(start);
        Roster = RosterModel.From(Policy.Roster);
        Engine = new EscalationEngine(new EscalationPolicy(Policy.Escalation), Roster);
    }

    public PolicyOptions Policy { get; }
    public FakeTimeProvider Clock { get; }
    public RosterModel Roster { get; }
    public EscalationEngine Engine { get; }
    public DateTimeOffset Now => Clock.GetUtcNow();

    /// <summary>On-call as the bot would load it for a call: the roster plus the overrides stored so far.</summary>
    public OnCallResolver OnCall => new(Roster, _overrides);

    public Incident Incident => _incident ?? throw new InvalidOperationException("No incident has been declared yet.");
    public bool HasIncident => _incident is not null;

    public IReadOnlyList<RecordedDecision> Decisions => _decisions;
    public IncidentDecision LastDecision => _decisions.Count > 0 ? _decisions[^1].Decision : throw new InvalidOperationException("No decision yet.");
    public IReadOnlyList<EscalationTimer> PendingTimers => [.. _pending.OrderBy(t => t.DueAt)];
    public IReadOnlyList<IncidentNotice> Notices => [.. _decisions.SelectMany(d => d.Decision.Notices)];
    public IReadOnlyList<PageNotice> PageNotices => [.. Notices.OfType<PageNotice>()];
    public IReadOnlyList<ChannelNotice> ChannelNotices => [.. Notices.OfType<ChannelNotice>()];
    public IReadOnlyList<IncidentEvent> Events => [.. _decisions.SelectMany(d => d.Decision.Events)];

    /// <summary>Timers that came due, and what the engine made of each (null: nothing at all).</summary>
    public List<(EscalationTimer Timer, IncidentDecision? Decision)> Fired { get; } = [];

    public EscalationScenario WithOverride(string target, string personId, DateTimeOffset from, DateTimeOffset to)
    {
        _overrides.Add(new OnCallOverride(_overrides.Count + 1, target, personId, from, to, ScenarioPolicy.Olivia, Now));
        return this;
    }

    public Outcome<IncidentDecision> Declare(string title = "Suspicious logins", string? level = null, string? type = null, string by = ScenarioPolicy.Sam) =>
        Apply(Engine.Declare(new DeclareIncident(title, level, type, by), 1, OnCall, Now));

    public Outcome<IncidentDecision> Acknowledge(string personId) => Apply(Engine.Acknowledge(Incident, personId, Now));

    public Outcome<IncidentDecision> DeclareByAlert(AlertSource source, string title = "CPU on fire", string? level = null, string? type = null, params IncidentLink[] links) =>
        Apply(Engine.DeclareByAlert(new DeclareIncident(title, level, type, "ignored"), source, links, 1, OnCall, Now));

    public Outcome<IncidentDecision> AcknowledgeBySource(AlertSource source) => Apply(Engine.AcknowledgeBySource(Incident, source, Now));

    public Outcome<IncidentDecision> ResolveBySource(AlertSource source, string? summary = null) => Apply(Engine.ResolveBySource(Incident, source, summary, Now));

    public Outcome<IncidentDecision> Escalate(string personId, string? reason = null) =>
        Apply(Engine.Escalate(Incident, personId, reason, OnCall, Now));

    public Outcome<IncidentDecision> Resolve(string personId, string? summary) => Apply(Engine.Resolve(Incident, personId, summary, Now));

    /// <summary>
    /// Moves the clock on by <paramref name="by"/>, firing every timer that comes due on the way, in due order and
    /// at its due time, as the clock service does; timers set by a fired timer fire too if they fall due in the span.
    /// </summary>
    public IReadOnlyList<IncidentDecision> AdvanceAndFireDueTimers(TimeSpan by)
    {
        var until = Now + by;
        var made = new List<IncidentDecision>();
        while (_pending.Count > 0)
        {
            var next = _pending.OrderBy(t => t.DueAt).ThenBy(t => t.Step).First();
            if (next.DueAt > until) break;
            _pending.Remove(next);
            if (next.DueAt > Now) Clock.SetUtcNow(next.DueAt);

            var decision = Engine.OnAckTimeout(Incident, next, OnCall, Now);
            Fired.Add((next, decision));
            if (decision is null) continue;
            Record(decision);
            made.Add(decision);
        }

        Clock.SetUtcNow(until);
        return made;
    }

    /// <summary>People paged, in order, at a level (all attempts), optionally only those with a given attempt number.</summary>
    public IReadOnlyList<string> PagedAt(string level, int? attempt = null) =>
        [.. Incident.Pages.Where(p => p.Level == level && (attempt is null || p.Attempt == attempt)).Select(p => p.PersonId)];

    private Outcome<IncidentDecision> Apply(Outcome<IncidentDecision> outcome)
    {
        if (outcome.Value is { } decision) Record(decision);
        return outcome;
    }

    private void Record(IncidentDecision decision)
    {
        _incident = decision.Incident;
        _pending.AddRange(decision.Timers);
        _decisions.Add(new RecordedDecision(Now, decision));
    }
}

/// <summary>A decision and the fake clock's time when the engine made it.</summary>
internal sealed record RecordedDecision(DateTimeOffset At, IncidentDecision Decision);
