namespace SecBot.Domain.Reviews;

/// <summary>What a due review timer does: remind the pending reviewers, or tell their team managers.</summary>
internal sealed class ReviewNudges(RosterNames names)
{
    public GateDecision Remind(GateView view, DateTimeOffset now)
    {
        var decision = new GateDecisionBuilder(view.Gate, now);
        var waited = now - view.Gate.StageOpenedAt;
        var reminders = GateProgression.ByPerson(view.PendingSeats.SelectMany(seat => view.ReviewersFor(seat, now).Select(person => (person, seat.Id))));
        foreach (var (person, seats) in reminders)
        {
            decision.Notify(new ReviewReminderNotice(view.Gate, person, seats, view.Gate.StageNumber, waited));
        }

        decision.Event(GateEventKinds.Reminded, GateEvent.System, reminders.Count == 0
            ? $"{names.Seats(view.PendingSeats)} pending for {ReadableTime.Span(waited)}, and nobody can sign them"
            : $"reminded {names.People(reminders.Select(r => r.Person))}: {names.Seats(view.PendingSeats)} pending for {ReadableTime.Span(waited)}");
        return decision.Build();
    }

    public GateDecision AlertManagers(GateView view, DateTimeOffset now)
    {
        var decision = new GateDecisionBuilder(view.Gate, now);
        var waited = now - view.Gate.StageOpenedAt;
        var alerts = GateProgression.ByPerson(view.PendingSeats.SelectMany(seat => view.ManagersOf(seat, now).Select(manager => (manager, seat.Id))));
        foreach (var (manager, seatIds) in alerts)
        {
            var seats = view.PendingSeats.Where(s => seatIds.Contains(s.Id, StringComparer.OrdinalIgnoreCase)).ToList();
            var asked = seats.SelectMany(s => view.ReviewersFor(s, now)).Distinct(StringComparer.OrdinalIgnoreCase);
            var text = $"{view.Gate.Key} — {view.Gate.Title} has waited {ReadableTime.Span(waited)} at {view.StageLabel}: "
                + $"{names.Seats(seats)} not signed yet (asked: {names.People(asked)}). Nudge them, or record an override with a reason.";
            decision.Notify(new ManagerAlertNotice(view.Gate, manager, seatIds, waited, text));
        }

        decision.Event(GateEventKinds.ManagerNotified, GateEvent.System,
            $"told {names.People(alerts.Select(a => a.Person))}: {names.Seats(view.PendingSeats)} pending for {ReadableTime.Span(waited)}");
        return decision.Build();
    }
}
