using SecBot.Domain.Policy;

namespace SecBot.Domain.Reviews;

/// <summary>
/// Picks the seat a reviewer's sign-off goes on, enforcing stage order, separation of duties and the role held
/// at signing time; when there is none, says why and what to do. The requester and a closed gate are the
/// engine's to refuse before this is asked.
/// </summary>
internal sealed class SeatChooser(GateView view, RosterNames names)
{
    private string Key => view.Gate.Key;

    public SeatChoice ForApproval(string personId, string? seatId, DateTimeOffset now) =>
        string.IsNullOrWhiteSpace(seatId) ? PickForApproval(personId, now) : NamedForApproval(personId, seatId, now);

    /// <summary>Any holder of a required seat of the current stage may request changes, even once the seat is filled.</summary>
    public SeatChoice ForRejection(string personId, DateTimeOffset now)
    {
        var seat = view.RequiredSeats
            .Where(s => view.RoleHeld(personId, s, now) is not null)
            .OrderBy(s => view.FilledBy(s) is null ? 0 : 1)
            .FirstOrDefault();
        if (seat is not null) return SeatChoice.Required(seat, view.RoleHeld(personId, seat, now)!);
        if (view.OptionalSeats.Any(s => view.RoleHeld(personId, s, now) is not null))
        {
            return SeatChoice.Refused($"Optional reviewers comment on or object to {Key} rather than reject it; "
                + $"only the required reviewers of {view.StageLabel} ({names.Seats(view.RequiredSeats)}) can request changes.");
        }

        return SeatChoice.Refused(view.LaterStageFor(personId, now) is { } later ? StillOpen(later.Seat, later.StageNumber) : NoRole(personId, now));
    }

    /// <summary>Comments and objections come from optional seats, at any stage.</summary>
    public SeatChoice ForOptionalReview(string personId, string? seatId, DateTimeOffset now)
    {
        if (view.OptionalSeats.Count == 0)
        {
            return SeatChoice.Refused($"{Key} has no optional reviewers; its required reviewers approve or reject it.");
        }

        if (string.IsNullOrWhiteSpace(seatId))
        {
            var held = view.OptionalSeats.FirstOrDefault(s => view.RoleHeld(personId, s, now) is not null);
            return held is not null
                ? SeatChoice.Optional(held, view.RoleHeld(personId, held, now)!)
                : SeatChoice.Refused($"Only optional reviewers of {Key} ({names.Seats(view.OptionalSeats)}) comment or object; "
                    + $"on {names.Day(now)} you hold {names.RolesHeld(personId, now)}.");
        }

        var seat = view.SeatOfType(seatId);
        if (seat is null) return SeatChoice.Refused(NoSuchSeat(seatId));
        if (!view.IsOptional(seat)) return SeatChoice.Refused($"{seat.Name} is a required seat of {Key}; approve or reject it instead.");
        var role = view.RoleHeld(personId, seat, now);
        return role is null ? SeatChoice.Refused(NotHeld(personId, seat, now)) : SeatChoice.Optional(seat, role);
    }

    /// <summary>
    /// Comments come from a required reviewer of the current stage (their seat is not signed by it) or from an optional
    /// reviewer, at any stage; with no seat named, a required seat the person holds comes first.
    /// </summary>
    public SeatChoice ForComment(string personId, string? seatId, DateTimeOffset now)
    {
        if (!string.IsNullOrWhiteSpace(seatId))
        {
            var named = view.SeatOfType(seatId);
            if (named is null) return SeatChoice.Refused(NoSuchSeat(seatId));
            if (!view.IsRequiredNow(named)) return ForOptionalReview(personId, seatId, now);
            var held = view.RoleHeld(personId, named, now);
            return held is null ? SeatChoice.Refused(NotHeld(personId, named, now)) : SeatChoice.Required(named, held);
        }

        var required = view.RequiredSeats.FirstOrDefault(s => view.RoleHeld(personId, s, now) is not null);
        if (required is not null) return SeatChoice.Required(required, view.RoleHeld(personId, required, now)!);
        var optional = view.OptionalSeats.FirstOrDefault(s => view.RoleHeld(personId, s, now) is not null);
        if (optional is not null) return SeatChoice.Optional(optional, view.RoleHeld(personId, optional, now)!);

        var optionalNote = view.OptionalSeats.Count > 0 ? $" and its optional reviewers ({names.Seats(view.OptionalSeats)})" : "";
        return SeatChoice.Refused($"Only the reviewers of {view.StageLabel} of {Key} ({names.Seats(view.RequiredSeats)}){optionalNote} comment on it; "
            + $"on {names.Day(now)} you hold {names.RolesHeld(personId, now)}.");
    }

    /// <summary>An override fills a pending required seat of the current stage; no seat means the first pending one.</summary>
    public SeatChoice ForOverride(string? seatId, string managerRole)
    {
        var pending = view.PendingSeats;
        var seat = string.IsNullOrWhiteSpace(seatId)
            ? pending.FirstOrDefault()
            : pending.FirstOrDefault(s => s.Id.Equals(seatId.Trim(), StringComparison.OrdinalIgnoreCase));
        return seat is not null
            ? SeatChoice.Required(seat, managerRole)
            : SeatChoice.Refused($"{Key} has no pending seat '{seatId}' at {view.StageLabel}; pending: {string.Join(", ", pending.Select(s => s.Id))}.");
    }

    private SeatChoice PickForApproval(string personId, DateTimeOffset now)
    {
        if (view.PendingSeatsFor(personId, now) is [var first, ..]) return SeatChoice.Required(first, view.RoleHeld(personId, first, now)!);

        var optional = view.OptionalSeats.FirstOrDefault(s => view.RoleHeld(personId, s, now) is not null && view.OptionalApprovalBy(personId, s) is null);
        return optional is not null
            ? SeatChoice.Optional(optional, view.RoleHeld(personId, optional, now)!)
            : SeatChoice.Refused(WhyNothingToApprove(personId, now));
    }

    private SeatChoice NamedForApproval(string personId, string seatId, DateTimeOffset now)
    {
        var seat = view.SeatOfType(seatId);
        if (seat is null) return SeatChoice.Refused(NoSuchSeat(seatId));
        var role = view.RoleHeld(personId, seat, now);
        if (role is null) return SeatChoice.Refused(NotHeld(personId, seat, now));

        if (view.IsRequiredNow(seat))
        {
            if (view.FilledBy(seat) is { } filled) return SeatChoice.Refused(AlreadyFilled(personId, seat, filled));
            return view.SeatSignedBy(personId) is { } own ? SeatChoice.Refused(SecondSeat(own)) : SeatChoice.Required(seat, role);
        }

        if (view.IsOptional(seat))
        {
            return view.OptionalApprovalBy(personId, seat) is null
                ? SeatChoice.Optional(seat, role)
                : SeatChoice.Refused($"You already approved {Key} as optional reviewer ({seat.Name}); nothing was recorded.");
        }

        return SeatChoice.Refused(view.LaterStageRequiring(seat) is { } later
            ? StillOpen(seat, later)
            : $"{seat.Name} has signed every stage of {Key} that needs it; {view.StageLabel} is waiting on {names.Seats(view.PendingSeats)}.");
    }

    private string WhyNothingToApprove(string personId, DateTimeOffset now)
    {
        var held = view.RequiredSeats.Where(s => view.RoleHeld(personId, s, now) is not null).ToList();
        if (held.Count > 0)
        {
            if (view.SeatSignedBy(personId) is { } own)
            {
                return held.Any(s => view.FilledBy(s) is null) ? SecondSeat(own) : $"You already approved {SeatName(own)} on {Key}; nothing was recorded.";
            }

            return AlreadyFilled(personId, held[0], view.FilledBy(held[0])!);
        }

        if (view.OptionalSeats.Any(s => view.RoleHeld(personId, s, now) is not null))
        {
            return $"You already approved {Key} as an optional reviewer; nothing was recorded.";
        }

        return view.LaterStageFor(personId, now) is { } later ? StillOpen(later.Seat, later.StageNumber) : NoRole(personId, now);
    }

    private string StillOpen(SeatOptions seat, int laterStage) =>
        $"{view.StageLabel} is still open: {Key} needs {names.Seats(view.PendingSeats)} first. "
        + $"You can sign {seat.Name} at {view.LabelOf(laterStage)}.";

    private string AlreadyFilled(string personId, SeatOptions seat, SignOff filled)
    {
        if (filled.IsOverride) return $"{seat.Name} on {Key} was filled by an override by {names.Person(filled.PersonId)}; nothing was recorded.";
        return filled.PersonId.Equals(personId, StringComparison.OrdinalIgnoreCase)
            ? $"You already approved {seat.Name} on {Key}; nothing was recorded."
            : $"{seat.Name} on {Key} is already signed by {names.Person(filled.PersonId)}; nothing was recorded.";
    }

    private string SecondSeat(SignOff own) =>
        $"Separation of duties: you already signed {SeatName(own)} at {view.StageLabel} of {Key}, and each required seat "
        + $"of a stage needs a different person. {names.Seats(view.PendingSeats)} is for someone else.";

    private string NotHeld(string personId, SeatOptions seat, DateTimeOffset now) =>
        $"Only {Article.A(names.RolesOf(seat))} can sign {seat.Name} on {Key}; on {names.Day(now)} you held {names.RolesHeld(personId, now)}.";

    private string NoRole(string personId, DateTimeOffset now) =>
        $"You cannot sign {Key}: {view.StageLabel} needs {string.Join(", ", view.PendingSeats.Select(s => $"{s.Name} ({names.RolesOf(s)})"))}, "
        + $"and on {names.Day(now)} you held {names.RolesHeld(personId, now)}.";

    private string NoSuchSeat(string seatId) =>
        $"{Key} has no seat '{seatId.Trim()}'; its seats are {string.Join(", ", view.AllSeats.Select(s => s.Id))}.";

    private string SeatName(SignOff signOff) =>
        view.SeatOfType(signOff.SeatId)?.Name ?? signOff.SeatId;
}
