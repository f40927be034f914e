using SecBot.Domain.Incidents;
using SecBot.Domain.Policy;
using RosterModel = SecBot.Domain.Roster.Roster;

namespace SecBot.Domain.Reviews;

/// <summary>
/// Decides what happens to a review gate: open, approve, reject, comment, object, override, resubmit, and the
/// reminder and manager-notice timers. A pure function of (gate, request, now): no I/O; the caller commits the
/// decision, appends its ledger rows and delivers its notices.
/// </summary>
public sealed class ReviewGateEngine
{
    private readonly ReviewPolicy _policy;
    private readonly RosterModel _roster;
    private readonly RosterNames _names;
    private readonly GateProgression _progression;
    private readonly ReviewNudges _nudges;

    public ReviewGateEngine(ReviewPolicy policy, RosterModel roster)
    {
        ArgumentNullException.ThrowIfNull(policy);
        ArgumentNullException.ThrowIfNull(roster);
        _policy = policy;
        _roster = roster;
        _names = new RosterNames(roster);
        _progression = new GateProgression(policy, roster, _names);
        _nudges = new ReviewNudges(_names);
    }

    public Outcome<GateDecision> Open(OpenGate request, long number, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(request);
        var type = _policy.FindType(request.Type);
        if (type is null) return Outcome<GateDecision>.Refused($"Unknown gate type '{request.Type}'; use one of {_policy.TypeNames}: review <gate-type> <title>");
        if (string.IsNullOrWhiteSpace(request.Title)) return Outcome<GateDecision>.Refused($"A review needs a title: review {type.Id} <title>");

        var gate = new Gate
        {
            Number = number,
            Type = type.Id,
            Title = request.Title.Trim(),
            RequestedBy = request.RequestedBy,
            RequestedAt = now,
            RequestedVia = request.Platform,
            State = GateState.Open,
            StageOpenedAt = now,
            IncidentNumber = request.IncidentNumber,
        };
        var decision = new GateDecisionBuilder(gate, now);
        // The opened record names who acted; a gate opened on someone else's behalf also names, hashed with it, whom it is for.
        var actor = request.OpenedBy ?? request.RequestedBy;
        var onBehalf = !actor.Equals(request.RequestedBy, StringComparison.OrdinalIgnoreCase);
        var actorRole = _roster.RolesHeldBy(actor, now).FirstOrDefault() ?? "";
        decision.GateEntry(LedgerDecisions.Opened, actor, actorRole, GateOpening.Format(gate.Type, gate.Title, onBehalf ? request.RequestedBy : null), request.Platform);
        var forIncident = request.IncidentNumber is { } incident ? $" for {IncidentKey.Format(incident)}" : "";
        var by = onBehalf ? $"{_names.Person(actor)}, requested for {_names.Person(request.RequestedBy)}" : _names.Person(request.RequestedBy);
        decision.Event(GateEventKinds.Opened, actor, $"{type.Id} review opened{forIncident} by {by}: {gate.Title}");
        _progression.RequestReviewers(decision, type);
        return decision.Build();
    }

    /// <summary>
    /// The review an incident type asks for on resolve (<c>OnResolveGate</c>), requested for the incident's lead and
    /// opened by <paramref name="resolvedBy"/>, the person whose resolve caused it.
    /// </summary>
    public Outcome<GateDecision> OpenForIncident(
        string gateType, long incidentNumber, string leadPersonId, string resolvedBy, string incidentTitle, long number, DateTimeOffset now)
    {
        var title = $"{_policy.FindType(gateType)?.Name ?? gateType} for {IncidentKey.Format(incidentNumber)}: {incidentTitle}";
        return Open(new OpenGate(gateType, title, leadPersonId, incidentNumber, GateEvent.System, resolvedBy), number, now);
    }

    /// <summary>
    /// Signs <paramref name="seatId"/>, or when it is null the first pending required seat of the current stage the
    /// person may sign (else an optional seat they hold). Filling the last required seat advances the stage.
    /// </summary>
    public Outcome<GateDecision> Approve(
        Gate gate, string personId, string? seatId, string? comment, IReadOnlyCollection<string> checklist, string platform, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(checklist);
        if (RefuseSigner(gate, personId, "approve") is { } refusal) return Outcome<GateDecision>.Refused(refusal);
        if (ViewOf(gate) is not { } view) return Outcome<GateDecision>.Refused(TypeGone(gate));

        var choice = new SeatChooser(view, _names).ForApproval(personId, seatId, now);
        if (choice.Refusal is not null) return Outcome<GateDecision>.Refused(choice.Refusal);
        var (attested, checklistRefusal) = ChecklistAttestation.Check(view.Type, gate.Key, checklist);
        if (checklistRefusal is not null) return Outcome<GateDecision>.Refused(checklistRefusal);

        var seat = choice.Seat!;
        var signOff = new SignOff(gate.Revision, gate.StageNumber, seat.Id, personId, choice.RoleHeld, SignOffDecision.Approve,
            Trimmed(comment), attested, platform, now, choice.IsOptional);
        var decision = new GateDecisionBuilder(gate, now);
        decision.SignOff(signOff);
        var as_ = choice.IsOptional ? "as optional reviewer " : "";
        decision.Event(GateEventKinds.SignedOff, personId, $"{_names.Person(personId)} approved {seat.Name} {as_}as {_names.Role(choice.RoleHeld)} at {view.StageLabel}");
        if (!choice.IsOptional) _progression.AdvanceIfStageComplete(decision, view.Type, signOff);
        return decision.Build();
    }

    public Outcome<GateDecision> Reject(Gate gate, string personId, string? reason, string platform, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(gate);
        if (RefuseClosed(gate, "reject") is { } closed) return Outcome<GateDecision>.Refused(closed);
        if (string.IsNullOrWhiteSpace(reason)) return Outcome<GateDecision>.Refused($"Rejecting needs a reason: reject {gate.Key} <what must change>");
        if (RefuseSigner(gate, personId, "reject") is { } refusal) return Outcome<GateDecision>.Refused(refusal);
        if (ViewOf(gate) is not { } view) return Outcome<GateDecision>.Refused(TypeGone(gate));

        var choice = new SeatChooser(view, _names).ForRejection(personId, now);
        if (choice.Refusal is not null) return Outcome<GateDecision>.Refused(choice.Refusal);

        var why = reason.Trim();
        var decision = new GateDecisionBuilder(gate, now);
        decision.SignOff(new SignOff(gate.Revision, gate.StageNumber, choice.Seat!.Id, personId, choice.RoleHeld, SignOffDecision.Reject, why, [], platform, now));
        decision.Update(g => g with { State = GateState.ChangesRequested, DecidedAt = now });
        decision.GateEntry(LedgerDecisions.ChangesRequested, personId, choice.RoleHeld, why, platform);
        var whyLine = UserText.OneLine(why);
        decision.Event(GateEventKinds.ChangesRequested, personId, $"{_names.Person(personId)} ({choice.Seat.Name}) requested changes at {view.StageLabel}: {whyLine}");
        _progression.TellRequesterAndLeadership(decision, GateEventKinds.ChangesRequested,
            $"{gate.Key}: changes requested by {_names.Person(personId)} ({choice.Seat.Name}): {whyLine}",
            $"When it is fixed: resubmit {gate.Key} [note]");
        return decision.Build();
    }

    /// <summary>A reviewer's comment (a required reviewer of the current stage, or an optional one); it never blocks nor signs a seat.</summary>
    public Outcome<GateDecision> Comment(Gate gate, string personId, string? seatId, string? comment, string platform, DateTimeOffset now) =>
        Review(gate, personId, seatId, SignOffDecision.Comment, comment, platform, now);

    /// <summary>An optional reviewer's objection: recorded, sent to the requester and shown in status, but never blocking.</summary>
    public Outcome<GateDecision> Object(Gate gate, string personId, string? seatId, string? reason, string platform, DateTimeOffset now) =>
        Review(gate, personId, seatId, SignOffDecision.Object, reason, platform, now);

    /// <summary>
    /// A team manager fills a pending required seat of the current stage in place of its reviewers, with a reason:
    /// only a seat nobody eligible can sign, or once the stage has waited until the manager notice
    /// (<see cref="ReviewPolicy.ManagerNoticeAfter"/>). No checklist is attested: the reason is the manager's account
    /// of why the seat could not wait.
    /// </summary>
    public Outcome<GateDecision> Override(Gate gate, string managerId, string? seatId, string? reason, string platform, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(gate);
        if (RefuseClosed(gate, "override a seat of") is { } closed) return Outcome<GateDecision>.Refused(closed);
        var managerRole = ManagerRoles.FirstOrDefault(role => _roster.Holds(managerId, role, now));
        if (managerRole is null) return Outcome<GateDecision>.Refused($"Only {Article.A(string.Join(" or ", ManagerRoles.Select(_names.Role)))} can override a seat of {gate.Key}.");
        if (string.IsNullOrWhiteSpace(reason)) return Outcome<GateDecision>.Refused($"An override needs a reason: override {gate.Key} <seat> <reason>");
        if (RefuseSigner(gate, managerId, "override") is { } refusal) return Outcome<GateDecision>.Refused(refusal);
        if (ViewOf(gate) is not { } view) return Outcome<GateDecision>.Refused(TypeGone(gate));

        if (view.SeatSignedBy(managerId) is { } own)
        {
            return Outcome<GateDecision>.Refused($"You already filled {view.SeatOfType(own.SeatId)?.Name ?? own.SeatId} at {view.StageLabel} of {gate.Key} "
                + $"({(own.IsOverride ? "by override" : "by approval")}); nothing was recorded.");
        }

        var choice = new SeatChooser(view, _names).ForOverride(seatId, managerRole);
        if (choice.Refusal is not null) return Outcome<GateDecision>.Refused(choice.Refusal);
        if (RefuseEarlyOverride(view, choice.Seat!, now) is { } early) return Outcome<GateDecision>.Refused(early);

        var why = reason.Trim();
        var seat = choice.Seat!;
        var signOff = new SignOff(gate.Revision, gate.StageNumber, seat.Id, managerId, managerRole, SignOffDecision.Override, why, [], platform, now);
        var decision = new GateDecisionBuilder(gate, now);
        decision.SignOff(signOff);
        var whyLine = UserText.OneLine(why);
        var text = $"{gate.Key}: {seat.Name} at {view.StageLabel} filled by override by {_names.Person(managerId)} — {whyLine}";
        decision.Event(GateEventKinds.Overridden, managerId, $"override by {_names.Person(managerId)} for {seat.Name} at {view.StageLabel}: {whyLine}");
        decision.Notify(new DirectNotice(gate, gate.RequestedBy, GateEventKinds.Overridden, text));
        decision.Notify(new GateAnnouncement(gate, GateEventKinds.Overridden, text, [gate.RequestedBy, managerId]));
        _progression.AdvanceIfStageComplete(decision, view.Type, signOff);
        return decision.Build();
    }

    /// <summary>
    /// The requester starts a new revision after a reviewer requested changes: earlier sign-offs turn stale and
    /// stage 1 is asked again. A gate without changes requested is refused, so no reviewer is asked again for nothing.
    /// </summary>
    public Outcome<GateDecision> Resubmit(Gate gate, string personId, string? note, string platform, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(gate);
        if (!IsRequester(gate, personId)) return Outcome<GateDecision>.Refused($"Only {_names.Person(gate.RequestedBy)}, who requested {gate.Key}, can resubmit it.");
        if (gate.State == GateState.Approved) return Outcome<GateDecision>.Refused($"{gate.Key} is already approved; for further changes open a new review: review {gate.Type} <title>");
        if (gate.State == GateState.Open)
        {
            return Outcome<GateDecision>.Refused($"{gate.Key} has no changes requested: its reviewers are still reviewing revision {gate.Revision}, "
                + $"so there is nothing to resubmit and nothing was recorded. If the design changed, a reviewer can request changes (reject {gate.Key} <reason>); then resubmit it.");
        }

        if (_policy.FindType(gate.Type) is not { } type) return Outcome<GateDecision>.Refused(TypeGone(gate));

        var decision = new GateDecisionBuilder(gate, now);
        decision.Update(g => g with { Revision = g.Revision + 1, StageNumber = 1, State = GateState.Open, StageOpenedAt = now, DecidedAt = null });
        decision.MarkOlderRevisionsStale();
        var role = _roster.RolesHeldBy(personId, now).FirstOrDefault() ?? "";
        decision.GateEntry(LedgerDecisions.Resubmitted, personId, role, Trimmed(note), platform);
        var because = Trimmed(note) is { } n ? $": {UserText.OneLine(n)}" : "";
        decision.Event(GateEventKinds.Resubmitted, personId, $"revision {decision.Gate.Revision} submitted by {_names.Person(personId)}; earlier sign-offs are stale{because}");
        _progression.RequestReviewers(decision, type);
        return decision.Build();
    }

    /// <summary>
    /// A reminder or manager-notice deadline came due. Null when the timer was overtaken: the gate is no longer
    /// open, or its revision or stage has moved on.
    /// </summary>
    public GateDecision? OnTimer(Gate gate, ReviewTimer timer, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(gate);
        ArgumentNullException.ThrowIfNull(timer);
        if (!gate.IsOpen || timer.GateNumber != gate.Number || timer.Revision != gate.Revision || timer.StageNumber != gate.StageNumber) return null;
        if (ViewOf(gate) is not { PendingSeats.Count: > 0 } view) return null;

        return timer.Purpose == ReviewTimerPurpose.Reminder ? _nudges.Remind(view, now) : _nudges.AlertManagers(view, now);
    }

    /// <summary>For <c>reviews</c>: open gates with a required seat of the current stage the person could sign now.</summary>
    public IReadOnlyList<PendingReview> PendingFor(IEnumerable<Gate> gates, string personId, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(gates);
        return [.. gates
            .Where(g => g.IsOpen)
            .Select(ViewOf)
            .OfType<GateView>()
            .Select(view => new PendingReview(view.Gate, [.. view.PendingSeatsFor(personId, now).Select(s => s.Id)]))
            .Where(pending => pending.SeatIds.Count > 0)];
    }

    private Outcome<GateDecision> Review(
        Gate gate, string personId, string? seatId, SignOffDecision kind, string? text, string platform, DateTimeOffset now)
    {
        var verb = kind == SignOffDecision.Object ? "object to" : "comment on";
        if (RefuseSigner(gate, personId, verb) is { } refusal) return Outcome<GateDecision>.Refused(refusal);
        if (string.IsNullOrWhiteSpace(text)) return Outcome<GateDecision>.Refused($"Say what you {(kind == SignOffDecision.Object ? "object to" : "want to say")}: to {verb} {gate.Key} you need some text.");
        if (ViewOf(gate) is not { } view) return Outcome<GateDecision>.Refused(TypeGone(gate));

        var chooser = new SeatChooser(view, _names);
        var choice = kind == SignOffDecision.Object ? chooser.ForOptionalReview(personId, seatId, now) : chooser.ForComment(personId, seatId, now);
        if (choice.Refusal is not null) return Outcome<GateDecision>.Refused(choice.Refusal);

        var said = text.Trim();
        var seat = choice.Seat!;
        var who = $"{_names.Person(personId)} ({seat.Name}{(choice.IsOptional ? ", optional" : "")})";
        var decision = new GateDecisionBuilder(gate, now);
        decision.SignOff(new SignOff(gate.Revision, gate.StageNumber, seat.Id, personId, choice.RoleHeld, kind, said, [], platform, now, IsOptionalSeat: choice.IsOptional));
        var saidLine = UserText.OneLine(said);
        var (eventKind, message) = kind == SignOffDecision.Object
            ? (GateEventKinds.Objected, $"{gate.Key}: {who} objects — {saidLine}. This does not block the review; status shows it.")
            : (GateEventKinds.Commented, $"{gate.Key}: {who} commented — {saidLine}");
        decision.Event(eventKind, personId, $"{who} {(kind == SignOffDecision.Object ? "objected" : "commented")}: {saidLine}");
        decision.Notify(new DirectNotice(gate, gate.RequestedBy, eventKind, message));
        return decision.Build();
    }

    /// <summary>Shared by every sign-off: the gate must be open and the signer must not be its requester.</summary>
    private string? RefuseSigner(Gate gate, string personId, string verb)
    {
        ArgumentNullException.ThrowIfNull(gate);
        if (RefuseClosed(gate, verb) is { } closed) return closed;
        return IsRequester(gate, personId)
            ? $"Separation of duties: you requested {gate.Key}, so you cannot {verb} it; its reviewers sign it."
            : null;
    }

    /// <summary>
    /// Policy rule 6 read with rule 3: an override stands in for reviewers who cannot sign, not for ones who have not
    /// yet. Refused while someone eligible can still sign the seat and the stage has not waited until the manager notice.
    /// </summary>
    private string? RefuseEarlyOverride(GateView view, SeatOptions seat, DateTimeOffset now)
    {
        var reviewers = view.ReviewersFor(seat, now);
        var noticeAt = view.Gate.StageOpenedAt + _policy.ManagerNoticeAfter;
        if (reviewers.Count == 0 || now >= noticeAt) return null;
        return $"{seat.Name} at {view.StageLabel} of {view.Gate.Key} can still be signed by {_names.People(reviewers)}, so it cannot be overridden yet; nothing was recorded. "
            + $"An override is for a seat nobody eligible can sign, or one still unsigned at the manager notice "
            + $"({ReadableTime.Span(_policy.ManagerNoticeAfter)} after the stage opened: {ReadableTime.Utc(noticeAt)}).";
    }

    private static string? RefuseClosed(Gate gate, string verb) => gate.State switch
    {
        GateState.Open => null,
        GateState.Approved => $"{gate.Key} is already approved; there is nothing left to {verb}.",
        _ => $"{gate.Key} has changes requested; you can {verb} it once the requester resubmits it (resubmit {gate.Key} [note]).",
    };

    private static bool IsRequester(Gate gate, string personId) => gate.RequestedBy.Equals(personId, StringComparison.OrdinalIgnoreCase);

    private GateView? ViewOf(Gate gate) => GateView.Of(gate, _policy, _roster);

    private static string TypeGone(Gate gate) => $"{gate.Key} is a '{gate.Type}' review, a gate type no longer in the policy; ask an operator.";

    private IEnumerable<string> ManagerRoles =>
        _roster.Teams.Select(t => t.ManagerRole).Where(r => r.Length > 0).Distinct(StringComparer.OrdinalIgnoreCase);

    private static string? Trimmed(string? text) => string.IsNullOrWhiteSpace(text) ? null : text.Trim();
}
