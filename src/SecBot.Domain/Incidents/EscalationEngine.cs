using SecBot.Domain.Policy;
using SecBot.Domain.Roster;
using RosterModel = SecBot.Domain.Roster.Roster;

namespace SecBot.Domain.Incidents;

/// <summary>
/// Decides what happens to an incident: declare, acknowledge, escalate, resolve, and the ack-timeout timer.
/// A pure function of (incident, request, on-call, now): no I/O; the caller commits the decision.
/// </summary>
public sealed class EscalationEngine
{
    private readonly EscalationPolicy _policy;
    private readonly RosterModel _roster;
    private readonly IncidentResponders _responders;

    public EscalationEngine(EscalationPolicy policy, RosterModel roster)
    {
        ArgumentNullException.ThrowIfNull(policy);
        ArgumentNullException.ThrowIfNull(roster);
        _policy = policy;
        _roster = roster;
        _responders = new IncidentResponders(policy, roster);
    }

    public Outcome<IncidentDecision> Declare(DeclareIncident request, long number, OnCallResolver onCall, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(request);
        return Declare(request, NameOf(request.DeclaredBy), source: null, links: [], number, onCall, now);
    }

    /// <summary>
    /// An alert opens an incident: the declare path with the alert source as declarer. A source holds no role, so the
    /// level's entry rule (who may take an incident to a level) is not asked; instead a source never opens at a
    /// manual-only level. <paramref name="links"/> lead back to the alert and are shown on the announcement.
    /// </summary>
    public Outcome<IncidentDecision> DeclareByAlert(DeclareIncident request, AlertSource source, IReadOnlyList<IncidentLink> links, long number, OnCallResolver onCall, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(request);
        ArgumentNullException.ThrowIfNull(source);
        ArgumentNullException.ThrowIfNull(links);
        return Declare(request with { DeclaredBy = source.ActorId }, $"alert source {source.Name}", source, links, number, onCall, now);
    }

    private Outcome<IncidentDecision> Declare(
        DeclareIncident request, string declaredByName, AlertSource? source, IReadOnlyList<IncidentLink> links, long number, OnCallResolver onCall, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(onCall);
        if (string.IsNullOrWhiteSpace(request.Title)) return Outcome<IncidentDecision>.Refused("An incident needs a title.");

        var type = request.Type is null ? _policy.DefaultType : _policy.FindType(request.Type);
        if (type is null) return Outcome<IncidentDecision>.Refused($"Unknown incident type '{request.Type}'; use one of {_policy.TypeNames}.");
        var level = _policy.FindLevel(request.Level ?? type.StartLevel);
        if (level is null) return Outcome<IncidentDecision>.Refused($"Unknown level '{request.Level}'; use one of {_policy.LevelNames}.");
        if (source is null && RefuseEntry(level, request.DeclaredBy, now) is { } refusal) return Outcome<IncidentDecision>.Refused(refusal);
        if (source is not null && level.ManualOnly)
        {
            return Outcome<IncidentDecision>.Refused($"An alert may not open an incident at {level.Name}: only {Article.A(_roster.RoleNames(level.EscalateRoles))} may take an incident there.");
        }

        var declared = new Incident
        {
            Number = number,
            Title = request.Title.Trim(),
            Type = type.Id,
            Level = level.Name,
            State = IncidentState.Open,
            DeclaredBy = request.DeclaredBy,
            DeclaredAt = now,
            Origin = request.Origin,
        };
        var decision = new DecisionBuilder(declared, now);
        decision.Event(IncidentEventKinds.Declared, request.DeclaredBy, $"declared by {declaredByName} as a {type.Id} incident at {level.Name}: {declared.Title}");

        var paged = new HashSet<string>(StringComparer.OrdinalIgnoreCase);
        PageLevel(decision, level, onCall, paged);
        if (type.LeadRole.Length > 0) PageLead(decision, type.LeadRole, level, onCall, paged);

        decision.Announce("declared", $"{declared.Key} declared ({type.Id}, {level.Name}) by {declaredByName}: {declared.Title}. {PagedSentence(decision.NewPages)}", decision.NewPages, links);
        return decision.Build();
    }

    public Outcome<IncidentDecision> Acknowledge(Incident incident, string personId, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(incident);
        if (!incident.IsOpen) return Outcome<IncidentDecision>.Refused(AlreadyResolved(incident));
        if (incident.State == IncidentState.Acknowledged && (incident.AcknowledgedLevel == incident.Level || _policy.Level(incident.Level).NotifyOnly))
        {
            return Outcome<IncidentDecision>.Refused($"{incident.Key} was already acknowledged at {incident.AcknowledgedLevel} by {NameOf(incident.AcknowledgedBy)}.");
        }

        if (_responders.Refusal(incident, personId, "acknowledge", now) is { } notAResponder) return Outcome<IncidentDecision>.Refused(notAResponder);

        return Acknowledged(incident, personId, NameOf(personId), incident.LeadPersonId ?? personId, [personId], now);
    }

    /// <summary>
    /// The alert source acknowledges the incident its alert opened (PagerDuty's <c>acknowledge</c> event): no person
    /// rule applies, the source is recorded as the one who acknowledged, and nobody becomes lead by it.
    /// </summary>
    public Outcome<IncidentDecision> AcknowledgeBySource(Incident incident, AlertSource source, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(incident);
        ArgumentNullException.ThrowIfNull(source);
        if (!incident.IsOpen) return Outcome<IncidentDecision>.Refused(AlreadyResolved(incident));
        if (incident.State == IncidentState.Acknowledged && incident.AcknowledgedLevel == incident.Level)
        {
            return Outcome<IncidentDecision>.Refused($"{incident.Key} was already acknowledged at {incident.AcknowledgedLevel} by {NameOf(incident.AcknowledgedBy)}.");
        }

        return Acknowledged(incident, source.ActorId, $"alert source {source.Name}", incident.LeadPersonId, [], now);
    }

    private Outcome<IncidentDecision> Acknowledged(Incident incident, string actorId, string actorName, string? lead, IReadOnlyList<string> mentions, DateTimeOffset now)
    {
        var acknowledged = incident with
        {
            State = IncidentState.Acknowledged,
            AcknowledgedLevel = incident.Level,
            AcknowledgedBy = actorId,
            AcknowledgedAt = now,
            LeadPersonId = lead,
        };
        var decision = new DecisionBuilder(acknowledged, now);
        decision.Event(IncidentEventKinds.Acknowledged, actorId, $"acknowledged by {actorName} at {incident.Level}; automatic escalation of {incident.Level} stopped");
        decision.Announce("acknowledged", $"{incident.Key} acknowledged by {actorName} at {incident.Level}.", mentions);
        return decision.Build();
    }

    /// <summary>
    /// Manual escalation to the next level. <paramref name="fromLevel"/>, when given, is the level the caller saw
    /// (an Escalate button's level): if the incident has moved on since, nothing changes, so two people pressing
    /// Escalate on their pages escalate once.
    /// </summary>
    public Outcome<IncidentDecision> Escalate(Incident incident, string personId, string? reason, OnCallResolver onCall, DateTimeOffset now, string? fromLevel = null)
    {
        ArgumentNullException.ThrowIfNull(incident);
        ArgumentNullException.ThrowIfNull(onCall);
        if (!incident.IsOpen) return Outcome<IncidentDecision>.Refused($"{incident.Key} is resolved ({ResolvedByWhomAndWhen(incident)}); if it is back, declare a new incident: declare <title>");
        if (fromLevel is not null && !fromLevel.Equals(incident.Level, StringComparison.OrdinalIgnoreCase))
        {
            return Outcome<IncidentDecision>.Refused($"{incident.Key} is already at {incident.Level}, past the {fromLevel} this button was sent at; nothing changed. To escalate further: escalate {incident.Key} [reason]");
        }

        if (_policy.Next(incident.Level) is not { } next) return Outcome<IncidentDecision>.Refused($"{incident.Key} is already at {incident.Level}, the top level.");
        if (RefuseEntry(next, personId, now) is { } refusal) return Outcome<IncidentDecision>.Refused(refusal);

        var why = string.IsNullOrWhiteSpace(reason) ? "" : $": {UserText.OneLine(reason)}";
        return EscalateTo(incident, next, personId, IncidentEventKinds.Escalated, $"escalated {incident.Level} → {next.Name} by {NameOf(personId)}{why}", onCall, now);
    }

    public Outcome<IncidentDecision> Resolve(Incident incident, string personId, string? summary, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(incident);
        if (!incident.IsOpen) return Outcome<IncidentDecision>.Refused(AlreadyResolved(incident));
        if (_responders.Refusal(incident, personId, "resolve", now) is { } notAResponder) return Outcome<IncidentDecision>.Refused(notAResponder);

        return Resolved(incident, personId, NameOf(personId), summary, [personId], now);
    }

    /// <summary>The alert source resolves the incident its alert opened (a <c>resolve</c> event, a resolved Alertmanager alert).</summary>
    public Outcome<IncidentDecision> ResolveBySource(Incident incident, AlertSource source, string? summary, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(incident);
        ArgumentNullException.ThrowIfNull(source);
        if (!incident.IsOpen) return Outcome<IncidentDecision>.Refused(AlreadyResolved(incident));
        return Resolved(incident, source.ActorId, $"alert source {source.Name}", summary, [], now);
    }

    private Outcome<IncidentDecision> Resolved(Incident incident, string actorId, string actorName, string? summary, IReadOnlyList<string> mentions, DateTimeOffset now)
    {
        // The summary is optional (contract: resolve INC-n [summary]); its absence is said, so nobody reads one into it.
        var resolved = incident with
        {
            State = IncidentState.Resolved, ResolvedBy = actorId, ResolvedAt = now, Summary = string.IsNullOrWhiteSpace(summary) ? null : summary.Trim(),
        };
        var said = resolved.Summary is { } text ? $": {UserText.OneLine(text)}" : " (no summary given)";
        var decision = new DecisionBuilder(resolved, now);
        decision.Event(IncidentEventKinds.Resolved, actorId, $"resolved by {actorName}{said}");
        decision.Announce("resolved", $"{incident.Key} resolved by {actorName}{said}", mentions);
        return decision.Build();
    }

    /// <summary>
    /// An ack deadline came due. Steps up to <see cref="EscalationOptions.Repages"/> re-page the level's people;
    /// the next step escalates, never into a manual-only level (automatic escalation stops at L3).
    /// A timer overtaken by events (acknowledged, escalated, resolved) changes nothing but the timeline.
    /// </summary>
    public IncidentDecision? OnAckTimeout(Incident incident, EscalationTimer timer, OnCallResolver onCall, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(incident);
        ArgumentNullException.ThrowIfNull(timer);
        ArgumentNullException.ThrowIfNull(onCall);
        if (!incident.IsOpen || !string.Equals(incident.Level, timer.Level, StringComparison.OrdinalIgnoreCase)) return null;
        if (incident.AcknowledgedLevel == timer.Level)
        {
            var ignored = new DecisionBuilder(incident, now);
            ignored.Event(IncidentEventKinds.TimerIgnored, IncidentEvent.System, $"{timer.Level} ack deadline passed after {NameOf(incident.AcknowledgedBy)} acknowledged; nothing to do");
            return ignored.Build().Value;
        }

        var level = _policy.Level(timer.Level);
        return timer.Step <= _policy.Repages ? Repage(incident, level, timer.Step, now) : AutoEscalate(incident, level, onCall, now);
    }

    private IncidentDecision Repage(Incident incident, LevelOptions level, int step, DateTimeOffset now)
    {
        var decision = new DecisionBuilder(incident, now);
        var people = incident.Pages
            .Where(p => p.Level == level.Name && p.Reason != PageReason.Notification)
            .Select(p => p.PersonId)
            .Distinct(StringComparer.OrdinalIgnoreCase)
            .ToList();
        foreach (var personId in people)
        {
            var page = new Page(personId, level.Name, step + 1, now, PageReason.OnCall, $"no acknowledgement within {ReadableTime.Span(level.AckTimeout)}");
            decision.Page(page);
            decision.Event(IncidentEventKinds.Repaged, IncidentEvent.System, $"re-paged {NameOf(personId)} at {level.Name} (attempt {step + 1}): no acknowledgement within {ReadableTime.Span(level.AckTimeout)}");
        }

        decision.Timer(level, step + 1);
        return decision.Build().Value!;
    }

    private IncidentDecision AutoEscalate(Incident incident, LevelOptions level, OnCallResolver onCall, DateTimeOffset now)
    {
        var next = _policy.Next(level.Name);
        if (next is null || next.ManualOnly)
        {
            var stopped = new DecisionBuilder(incident, now);
            var why = next is null
                ? $"nobody acknowledged {level.Name}, the top level"
                : $"nobody acknowledged {level.Name}; automatic escalation stops here: {next.Name} is a decision for {Article.A(_roster.RoleNames(next.EscalateRoles))}";
            stopped.Event(IncidentEventKinds.EscalationStopped, IncidentEvent.System, why);
            var then = next is null ? "" : $" To bring in {next.Name}: escalate {incident.Key} [reason]";
            stopped.Announce("escalation-stopped", $"{incident.Key}: {why}.{then}", incident.Pages.Where(p => p.Level == level.Name).Select(p => p.PersonId).Distinct().ToList());
            return stopped.Build().Value!;
        }

        return EscalateTo(incident, next, IncidentEvent.System, IncidentEventKinds.AutoEscalated,
            $"escalated {level.Name} → {next.Name} automatically: nobody acknowledged within {ReadableTime.Span(level.AckTimeout)}{RepagesText()}", onCall, now).Value!;
    }

    private Outcome<IncidentDecision> EscalateTo(Incident incident, LevelOptions next, string actor, string kind, string detail, OnCallResolver onCall, DateTimeOffset now)
    {
        // A notification-only level (Executive) is told, not asked to acknowledge: the incident keeps its state.
        var escalated = incident with
        {
            Level = next.Name,
            State = next.NotifyOnly ? incident.State : IncidentState.Open,
        };
        var decision = new DecisionBuilder(escalated, now);
        decision.Event(kind, actor, detail);
        var alreadyOnIt = new HashSet<string>(incident.Pages.Where(p => p.Level == next.Name).Select(p => p.PersonId), StringComparer.OrdinalIgnoreCase);
        PageLevel(decision, next, onCall, alreadyOnIt);
        decision.Announce("escalated", $"{incident.Key} {detail}. {PagedSentence(decision.NewPages)}", decision.NewPages);
        return decision.Build();
    }

    private void PageLevel(DecisionBuilder decision, LevelOptions level, OnCallResolver onCall, ISet<string> paged)
    {
        var targets = _policy.TargetsFor(decision.Incident.Type, level);
        foreach (var page in PagePlanner.Plan(targets, level, onCall, decision.Now, paged))
        {
            decision.Page(page);
            var how = page.Reason == PageReason.ManagerFallback ? $" instead: {page.Note}" : "";
            decision.Event(IncidentEventKinds.Paged, IncidentEvent.System, $"{(level.NotifyOnly ? "notified" : "paged")} {NameOf(page.PersonId)} at {level.Name}{how}");
        }

        foreach (var unreachable in PagePlanner.Unreachable(targets, onCall, decision.Now))
        {
            decision.Event(IncidentEventKinds.Paged, IncidentEvent.System, $"could not page anyone at {level.Name}: {unreachable}");
        }

        if (!level.NotifyOnly) decision.Timer(level, 1);
    }

    private void PageLead(DecisionBuilder decision, string leadRole, LevelOptions level, OnCallResolver onCall, ISet<string> paged)
    {
        var leads = onCall.Resolve(new PageTarget(PageTargetKind.Role, leadRole), decision.Now).People;
        if (leads.Count == 0) return;
        decision.SetLead(leads[0].Id);
        foreach (var lead in leads.Where(l => paged.Add(l.Id)))
        {
            decision.Page(new Page(lead.Id, level.Name, 1, decision.Now, PageReason.Lead, $"incident lead ({_roster.RoleName(leadRole)})"));
            decision.Event(IncidentEventKinds.Paged, IncidentEvent.System, $"paged {NameOf(lead.Id)} as incident lead ({_roster.RoleName(leadRole)})");
        }
    }

    private string? RefuseEntry(LevelOptions level, string personId, DateTimeOffset now)
    {
        if (level.EscalateRoles.Count == 0) return null;
        var held = _roster.RolesHeldBy(personId, now);
        return level.EscalateRoles.Any(r => held.Contains(r, StringComparer.OrdinalIgnoreCase))
            ? null
            : $"Only {Article.A(_roster.RoleNames(level.EscalateRoles))} may take an incident to {level.Name}.";
    }

    private string PagedSentence(IReadOnlyList<string> personIds) =>
        personIds.Count == 0 ? "Nobody could be paged." : $"Paged: {string.Join(", ", personIds.Select(NameOf))}.";

    private string AlreadyResolved(Incident incident) => $"{incident.Key} is already resolved ({ResolvedByWhomAndWhen(incident)}); nothing changed.";

    private string ResolvedByWhomAndWhen(Incident incident) =>
        incident.ResolvedAt is { } at ? $"by {NameOf(incident.ResolvedBy)} at {ReadableTime.Utc(at)}" : $"by {NameOf(incident.ResolvedBy)}";

    private string RepagesText() => _policy.Repages == 0 ? "" : $" after {ReadableTime.Count(_policy.Repages, "re-page")}";

    private string NameOf(string? personId) =>
        _roster.PersonName(personId);

    /// <summary>Collects one decision's changes; the version moves on by one per decision.</summary>
    private sealed class DecisionBuilder(Incident incident, DateTimeOffset now)
    {
        private readonly List<IncidentEvent> _events = [];
        private readonly List<IncidentNotice> _notices = [];
        private readonly List<EscalationTimer> _timers = [];
        private readonly List<Page> _pages = [];
        private string? _lead;

        public Incident Incident { get; } = incident;
        public DateTimeOffset Now { get; } = now;
        public IReadOnlyList<string> NewPages => _pages.Select(p => p.PersonId).Distinct(StringComparer.OrdinalIgnoreCase).ToList();

        public void Event(string kind, string actor, string detail) => _events.Add(new IncidentEvent(Now, kind, actor, detail));

        public void Page(Page page) => _pages.Add(page);

        public void SetLead(string personId) => _lead ??= personId;

        public void Timer(LevelOptions level, int step) =>
            _timers.Add(new EscalationTimer(Incident.Number, level.Name, step, Now + level.AckTimeout));

        public void Announce(string kind, string text, IReadOnlyList<string> mentions, IReadOnlyList<IncidentLink>? links = null) =>
            _notices.Add(new ChannelNotice(Incident, kind, text, mentions) { Links = links ?? [] });

        public Outcome<IncidentDecision> Build()
        {
            var final = Incident with
            {
                Pages = [.. Incident.Pages, .. _pages],
                LeadPersonId = Incident.LeadPersonId ?? _lead,
                Version = Incident.Version + 1,
            };
            var notices = _pages.Select(p => (IncidentNotice)new PageNotice(final, p))
                .Concat(_notices.Select(n => n with { Incident = final }))
                .ToList();
            return new IncidentDecision(final, _events, notices, _timers);
        }
    }
}
