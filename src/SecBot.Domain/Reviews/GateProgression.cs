using SecBot.Domain.Policy;
using RosterModel = SecBot.Domain.Roster.Roster;

namespace SecBot.Domain.Reviews;

/// <summary>
/// The steps shared by every way a gate moves: putting a stage to its reviewers, advancing when its required
/// seats are filled, approving after the last stage, and telling the requester and the leadership.
/// </summary>
internal sealed class GateProgression(ReviewPolicy policy, RosterModel roster, RosterNames names)
{
    public GateView View(Gate gate, GateTypeOptions type) => new(gate, type, policy, roster);

    /// <summary>Asks the current stage's reviewers (required: Approve/Reject; optional: FYI) and sets its timers.</summary>
    public void RequestReviewers(GateDecisionBuilder decision, GateTypeOptions type)
    {
        var view = View(decision.Gate, type);
        var now = decision.Now;
        var requests = ByPerson(view.PendingSeats.SelectMany(seat => view.ReviewersFor(seat, now).Select(person => (person, seat.Id))));
        foreach (var (person, seats) in requests)
        {
            decision.Notify(new ReviewRequestNotice(decision.Gate, person, seats, view.Gate.StageNumber));
        }

        if (requests.Count > 0)
        {
            decision.Event(GateEventKinds.ReviewRequested, GateEvent.System, $"asked {names.People(requests.Select(r => r.Person))} to review {view.StageLabel}");
        }

        foreach (var seat in view.PendingSeats.Where(s => view.ReviewersFor(s, now).Count == 0)) FlagUnfillable(decision, view, seat);

        var optional = view.Stage.Optional.Select(policy.Seat);
        foreach (var (person, seats) in ByPerson(optional.SelectMany(seat => view.HoldersOf(seat, now).Where(p => !view.IsRequester(p)).Select(person => (person, seat.Id)))))
        {
            decision.Notify(new OptionalReviewNotice(decision.Gate, person, seats));
        }

        decision.Timer(ReviewTimerPurpose.Reminder, policy.ReminderAfter);
        decision.Timer(ReviewTimerPurpose.ManagerNotice, policy.ManagerNoticeAfter);
    }

    /// <summary>After a required seat is filled: the next stage, or approval after the last one.</summary>
    public void AdvanceIfStageComplete(GateDecisionBuilder decision, GateTypeOptions type, SignOff filling)
    {
        var view = View(decision.Gate, type);
        if (view.PendingSeats.Count > 0) return;

        decision.Event(GateEventKinds.StageCompleted, GateEvent.System, $"{view.StageLabel} complete");
        if (view.IsLastStage)
        {
            Approve(decision, view, filling);
            return;
        }

        decision.Update(g => g with { StageNumber = g.StageNumber + 1, StageOpenedAt = decision.Now });
        var next = View(decision.Gate, type);
        decision.Notify(new DirectNotice(decision.Gate, decision.Gate.RequestedBy, GateEventKinds.StageCompleted,
            $"{view.Gate.Key}: {view.StageLabel} is complete; {next.StageLabel} is next."));
        RequestReviewers(decision, type);
    }

    /// <summary>Tells the requester and every team manager directly, and announces in the incidents channel.</summary>
    public void TellRequesterAndLeadership(GateDecisionBuilder decision, string kind, string text, string? requesterHint = null)
    {
        var requester = decision.Gate.RequestedBy;
        var leadership = Leadership(decision.Now).Where(id => !id.Equals(requester, StringComparison.OrdinalIgnoreCase)).ToList();
        decision.Notify(new DirectNotice(decision.Gate, requester, kind, requesterHint is null ? text : $"{text}\n{requesterHint}"));
        foreach (var manager in leadership) decision.Notify(new DirectNotice(decision.Gate, manager, kind, text));
        decision.Notify(new GateAnnouncement(decision.Gate, kind, text, [requester, .. leadership]));
    }

    /// <summary>(person, seats) in the order people were first met, so notices go out in roster order.</summary>
    public static IReadOnlyList<(string Person, IReadOnlyList<string> Seats)> ByPerson(IEnumerable<(string Person, string SeatId)> pairs) =>
        [.. pairs
            .GroupBy(p => p.Person, StringComparer.OrdinalIgnoreCase)
            .Select(g => (g.Key, (IReadOnlyList<string>)[.. g.Select(p => p.SeatId).Distinct(StringComparer.OrdinalIgnoreCase)]))];

    private void Approve(GateDecisionBuilder decision, GateView view, SignOff filling)
    {
        var overrides = view.Gate.CurrentSignOffs.Where(s => s.IsOverride).ToList();
        decision.Update(g => g with { State = GateState.Approved, DecidedAt = decision.Now });
        decision.GateEntry(LedgerDecisions.GateApproved, filling.PersonId, filling.RoleHeld, view.Type.ApprovedOutcome, filling.Platform, overrides.Count > 0);

        var outcome = view.Type.ApprovedOutcome is { Length: > 0 } o ? $": {o}" : "";
        var overrideNote = overrides.Count == 0
            ? ""
            : " (" + string.Join("; ", overrides.Select(s => $"override by {names.Person(s.PersonId)} for {view.SeatOfType(s.SeatId)?.Name ?? s.SeatId}")) + ")";
        decision.Event(GateEventKinds.Approved, GateEvent.System, $"approved at revision {view.Gate.Revision}{overrideNote}");
        TellRequesterAndLeadership(decision, GateEventKinds.Approved, $"{view.Gate.Key} approved{outcome} — {view.Gate.Title}{overrideNote}");
        AssignOwner(decision, view);
    }

    private void AssignOwner(GateDecisionBuilder decision, GateView view)
    {
        var ownerRole = view.Type.OwnerRoleOnApproval;
        if (ownerRole.Length == 0) return;

        var owner = roster.HoldersOf(ownerRole, decision.Now).FirstOrDefault();
        if (owner is null)
        {
            decision.Event(GateEventKinds.OwnerAssigned, GateEvent.System, $"nobody holds {names.Role(ownerRole)}, so {view.Gate.Key} has no owner yet");
            return;
        }

        decision.Update(g => g with { OwnerPersonId = owner.Id });
        decision.Event(GateEventKinds.OwnerAssigned, GateEvent.System, $"{owner.Name} ({names.Role(ownerRole)}) owns {view.Gate.Key}");
        decision.Notify(new DirectNotice(decision.Gate, owner.Id, GateEventKinds.OwnerAssigned,
            $"{view.Gate.Key} approved — {view.Gate.Title}. As {names.Role(ownerRole)} you own it from here."));
    }

    private void FlagUnfillable(GateDecisionBuilder decision, GateView view, SeatOptions seat)
    {
        var holders = view.HoldersOf(seat, decision.Now);
        var why = holders.Count == 0 ? $"nobody holds {names.RolesOf(seat)}"
            : holders.All(view.IsRequester) ? $"only the requester holds {names.RolesOf(seat)}"
            : $"everyone holding {names.RolesOf(seat)} has signed another seat of this stage";
        decision.Event(GateEventKinds.NoReviewer, GateEvent.System, $"nobody can sign {seat.Name} at {view.StageLabel}: {why}");
        foreach (var manager in view.ManagersOf(seat, decision.Now))
        {
            decision.Notify(new DirectNotice(decision.Gate, manager, GateEventKinds.NoReviewer,
                $"{view.Gate.Key} — {view.Gate.Title}: nobody can sign {seat.Name} at {view.StageLabel} ({why}). A manager can record an override for it, with a reason."));
        }
    }

    private IEnumerable<string> Leadership(DateTimeOffset now) =>
        roster.Teams
            .Select(t => t.ManagerRole)
            .Where(role => role.Length > 0)
            .Distinct(StringComparer.OrdinalIgnoreCase)
            .SelectMany(role => roster.HoldersOf(role, now))
            .Select(p => p.Id)
            .Distinct(StringComparer.OrdinalIgnoreCase);
}
