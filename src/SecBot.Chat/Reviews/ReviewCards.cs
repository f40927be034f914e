using System.Globalization;
using SecBot.Chat.Cards;
using SecBot.Chat.Delivery;
using SecBot.Chat.Parsing;
using SecBot.Domain;
using SecBot.Domain.Incidents;
using SecBot.Domain.Policy;
using SecBot.Domain.Reviews;
using RosterModel = SecBot.Domain.Roster.Roster;

namespace SecBot.Chat.Reviews;

/// <summary>
/// How review gates look in chat: the request to a reviewer with Approve and Reject, reminders, notes to the
/// requester and managers, announcements in the incidents channel, and the status card with every sign-off.
/// </summary>
public sealed class ReviewCards(ReviewPolicy policy, RosterModel roster)
{
    public static readonly CardInput ReasonInput =
        new(ActionIds.Inputs.Reason, "What must change?", CardInputKind.MultilineText, Required: true)
        {
            Placeholder = "The requester sees this reason", MaxLength = CommandLimits.TextMaxLength,
        };

    public static readonly CardInput CommentInput =
        new(ActionIds.Inputs.Comment, "Comment", CardInputKind.Text, Required: false) { Placeholder = "Optional", MaxLength = CommandLimits.TextMaxLength };

    public static readonly CardInput RequiredCommentInput =
        new(ActionIds.Inputs.Comment, "Comment", CardInputKind.MultilineText, Required: true) { MaxLength = CommandLimits.TextMaxLength };

    public static readonly CardInput ObjectionInput =
        new(ActionIds.Inputs.Reason, "What do you object to?", CardInputKind.MultilineText, Required: true)
        {
            Placeholder = "Shown on the gate and sent to the requester; it does not block", MaxLength = CommandLimits.TextMaxLength,
        };

    /// <summary>The outbox message for a notice: direct messages to people, announcements to the incidents channel.</summary>
    public OutboundMessage Render(GateNotice notice, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(notice);
        var (to, card) = notice switch
        {
            ReviewRequestNotice request => (Recipient.Person(request.PersonId), RequestCard(request.Gate, request.SeatIds, now)),
            ReviewReminderNotice reminder => (Recipient.Person(reminder.PersonId), ReminderCard(reminder, now)),
            OptionalReviewNotice optional => (Recipient.Person(optional.PersonId), OptionalCard(optional.Gate, optional.SeatIds, now)),
            DirectNotice direct => (Recipient.Person(direct.PersonId), NoteCard(direct.Gate, direct.Kind, direct.Text)),
            ManagerAlertNotice alert => (Recipient.Person(alert.ManagerId), NoteCard(alert.Gate, GateEventKinds.ManagerNotified, alert.Text)),
            GateAnnouncement announcement => (Recipient.IncidentsChannel, NoteCard(announcement.Gate, announcement.Kind, announcement.Text) with { Mentions = announcement.Mentions }),
            _ => throw new ArgumentOutOfRangeException(nameof(notice), notice.GetType().Name, "no card for this notice"),
        };
        return new OutboundMessage(to, card) { Subject = notice.Gate.Key };
    }

    /// <summary>A required reviewer's request: the gate as it stands, with Approve (and the checklist) and Reject.</summary>
    public Card RequestCard(Gate gate, IReadOnlyList<string> seatIds, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(gate);
        return StatusCard(gate, now) with
        {
            Text = $"{Name(gate.RequestedBy)} asks you to review {gate.Key} as {Seats(seatIds)} at {StageLabel(gate, gate.StageNumber)}.{ChecklistNote(gate)}"
                + $"\n{ByText(gate)}",
            Tone = CardTone.Attention,
            Buttons = gate.IsOpen ? RequiredButtons(gate, seatIds) : [],
        };
    }

    public Card ReminderCard(ReviewReminderNotice reminder, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(reminder);
        return RequestCard(reminder.Gate, reminder.SeatIds, now) with
        {
            Text = $"Reminder: {reminder.Gate.Key} has waited {ReadableTime.Span(reminder.Waiting)} for your review as {Seats(reminder.SeatIds)} "
                + $"at {StageLabel(reminder.Gate, reminder.StageNumber)}.{ChecklistNote(reminder.Gate)}\n{ByText(reminder.Gate)}",
        };
    }

    /// <summary>
    /// The typed form of a required reviewer's request, naming its stage: a typed approve without one will not sign a later
    /// stage than one its sender already signed, so the stage the request is for is what to type.
    /// </summary>
    public static string TypedApproval(Gate gate)
    {
        ArgumentNullException.ThrowIfNull(gate);
        return $"approve {gate.Key} stage:{gate.StageNumber.ToString(CultureInfo.InvariantCulture)}";
    }

    private static string ByText(Gate gate) => $"By text: {TypedApproval(gate)} [comment], or reject {gate.Key} <reason>.";

    /// <summary>For an optional reviewer: nothing waits for them, but they may approve, comment or object.</summary>
    public Card OptionalCard(Gate gate, IReadOnlyList<string> seatIds, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(gate);
        return StatusCard(gate, now) with
        {
            Text = $"For your information: you are an optional reviewer of {gate.Key} ({Seats(seatIds)}). Nothing waits for you, "
                + $"but you may approve, comment or object while it is open; an objection does not block it.{ChecklistNote(gate)} "
                + $"By text: approve {gate.Key} [comment], comment {gate.Key} <text>, object {gate.Key} <text>.",
            Tone = CardTone.Neutral,
            Buttons = gate.IsOpen ? OptionalButtons(gate) : [],
        };
    }

    /// <summary>A plain note about a gate: to the requester, a manager, the new owner, or the channel.</summary>
    public Card NoteCard(Gate gate, string kind, string text)
    {
        ArgumentNullException.ThrowIfNull(gate);
        return new Card
        {
            Title = $"{gate.Key}: {gate.Title}",
            Text = text,
            Tone = kind switch
            {
                GateEventKinds.Approved or GateEventKinds.OwnerAssigned => CardTone.Good,
                GateEventKinds.ChangesRequested or GateEventKinds.Objected or GateEventKinds.Overridden => CardTone.Warning,
                GateEventKinds.NoReviewer or GateEventKinds.ManagerNotified => CardTone.Attention,
                _ => CardTone.Neutral,
            },
        };
    }

    /// <summary>
    /// The gate as it stands, stage by stage: who signed which seat (overrides marked), who is still asked,
    /// objections, and the sign-offs a resubmission made stale.
    /// </summary>
    public Card StatusCard(Gate gate, DateTimeOffset now, string? context = null)
    {
        ArgumentNullException.ThrowIfNull(gate);
        var type = policy.FindType(gate.Type);
        var facts = new List<CardFact>
        {
            new("State", StateText(gate, type)),
            new("Type", type is null ? gate.Type : $"{type.Name} ({type.Id})"),
            new("Requested", $"by {Name(gate.RequestedBy)} {At(gate.RequestedAt)}{(gate.IncidentNumber is { } incident ? $" for {IncidentKey.Format(incident)}" : "")}"),
            new("Revision", gate.Revision == 1 ? "1" : $"{gate.Revision.ToString(CultureInfo.InvariantCulture)} (sign-offs of earlier revisions are stale)"),
        };

        if (View(gate) is { } view)
        {
            for (var stage = 1; stage <= view.Type.Stages.Count; stage++) facts.Add(new(StageLabel(gate, stage), StageText(view, stage, now)));
            if (view.Type.Checklist.Count > 0) facts.Add(new("Checklist", string.Join(", ", view.Type.Checklist)));
        }

        if (gate.State == GateState.ChangesRequested && gate.Rejection is { } rejection)
        {
            facts.Add(new("Changes requested", $"by {Name(rejection.PersonId)} ({SeatName(rejection.SeatId)}) {At(rejection.At)}: {rejection.Comment}"));
        }

        if (gate.Objections.Count > 0)
        {
            facts.Add(new("OBJECTIONS (optional, not blocking)", string.Join("; ", gate.Objections.Select(o => $"{Name(o.PersonId)} ({SeatName(o.SeatId)}) {At(o.At)}: {o.Comment}"))));
        }

        var optional = gate.CurrentSignOffs.Where(s => s.IsOptionalSeat && s.Decision is SignOffDecision.Approve or SignOffDecision.Comment).ToList();
        if (optional.Count > 0)
        {
            facts.Add(new("Optional reviews", string.Join("; ", optional.Select(s =>
                $"{Name(s.PersonId)} ({SeatName(s.SeatId)}) {(s.Decision == SignOffDecision.Approve ? "approved" : "commented")} {At(s.At)}{Said(s.Comment)}"))));
        }

        if (gate.OwnerPersonId is { } owner) facts.Add(new("Owner", Name(owner)));

        var stale = gate.SignOffs.Where(s => s.IsStale || s.Revision < gate.Revision).ToList();
        if (stale.Count > 0)
        {
            facts.Add(new("STALE sign-offs (earlier revisions, no longer count)", string.Join("; ", stale.Select(s =>
                $"rev {s.Revision.ToString(CultureInfo.InvariantCulture)}: {Name(s.PersonId)} {Verb(s)} {SeatName(s.SeatId)} {At(s.At)}"))));
        }

        return new Card
        {
            Title = $"{gate.Key}: {gate.Title}",
            Facts = facts,
            Tone = gate.State switch
            {
                GateState.Approved => CardTone.Good,
                GateState.ChangesRequested => CardTone.Warning,
                _ => CardTone.Neutral,
            },
            Context = context,
        };
    }

    /// <summary>
    /// A required reviewer's buttons for the stage the gate is at and the seats they are asked for. Approve acts at
    /// once (one click), unless the gate type has a checklist to attest; a comment is its own button.
    /// </summary>
    public IReadOnlyList<CardButton> RequiredButtons(Gate gate, IReadOnlyList<string> seatIds)
    {
        ArgumentNullException.ThrowIfNull(gate);
        var value = GateButtonValue.Format(gate, gate.StageNumber, seatIds);
        return
        [
            Approve(gate, value),
            new CardButton("Reject", ActionIds.Reject, value, ButtonStyle.Danger) { Asks = [ReasonInput], FormTitle = $"Reject {gate.Key}" },
            new CardButton("Comment", ActionIds.Comment, value) { Asks = [RequiredCommentInput], FormTitle = $"Comment on {gate.Key}" },
        ];
    }

    public IReadOnlyList<CardButton> OptionalButtons(Gate gate)
    {
        ArgumentNullException.ThrowIfNull(gate);
        var value = GateButtonValue.Format(gate);
        return
        [
            Approve(gate, value),
            new CardButton("Comment", ActionIds.Comment, value) { Asks = [RequiredCommentInput], FormTitle = $"Comment on {gate.Key}" },
            new CardButton("Object", ActionIds.Object, value, ButtonStyle.Danger) { Asks = [ObjectionInput], FormTitle = $"Object to {gate.Key}" },
        ];
    }

    /// <summary>The gate read against its type and the roster (<see cref="GateView"/>); null when the type is gone from the policy.</summary>
    public GateView? View(Gate gate) => GateView.Of(gate, policy, roster);

    /// <summary>The required seats of the gate's current stage nobody has filled yet.</summary>
    public IReadOnlyList<string> PendingSeatIds(Gate gate) => View(gate) is { } view ? [.. view.PendingSeats.Select(s => s.Id)] : [];

    /// <summary>The checklist of the gate's type (empty when it has none), for reading ticked boxes.</summary>
    public IReadOnlyList<string> ChecklistOf(Gate gate)
    {
        ArgumentNullException.ThrowIfNull(gate);
        return policy.FindType(gate.Type)?.Checklist ?? [];
    }

    public bool IsOnRoster(string personId) => roster.PersonById(personId) is not null;

    public string Name(string? personId) =>
        roster.PersonName(personId);

    /// <summary>"High-risk service deployment" for <c>high-risk-deploy</c>; the id when the type is gone from the policy.</summary>
    public string TypeName(string typeId) => policy.FindType(typeId)?.Name is { Length: > 0 } name ? name : typeId;

    public string SeatName(string seatId) =>
        seatId.Length == 0 ? "the whole gate" : policy.FindSeat(seatId)?.Name ?? seatId;

    public string Seats(IEnumerable<string> seatIds) => string.Join(", ", seatIds.Select(SeatName));

    public string StageLabel(Gate gate, int stageNumber)
    {
        ArgumentNullException.ThrowIfNull(gate);
        var stages = policy.FindType(gate.Type)?.Stages ?? [];
        var number = stageNumber.ToString(CultureInfo.InvariantCulture);
        return stageNumber >= 1 && stageNumber <= stages.Count && stages[stageNumber - 1].Name is { Length: > 0 } name
            ? $"Stage {number} '{name}'"
            : $"Stage {number}";
    }

    public static string When(DateTimeOffset? at) => at is { } instant ? ReadableTime.Utc(instant) : "";

    private static string At(DateTimeOffset? at) => at is null ? "" : "at " + When(at);

    /// <summary>Without a checklist Approve asks for nothing, so one click signs; with one, its form asks for every attestation.</summary>
    private CardButton Approve(Gate gate, string value)
    {
        var checklist = ChecklistOf(gate);
        var button = new CardButton("Approve", ActionIds.Approve, value, ButtonStyle.Primary);
        return checklist.Count == 0
            ? button
            : button with
            {
                Asks = [new CardInput(ActionIds.Inputs.Checklist, "I attest", CardInputKind.Checkboxes, Required: true) { Options = checklist }, CommentInput],
                FormTitle = $"Approve {gate.Key}",
            };
    }

    private string ChecklistNote(Gate gate) =>
        ChecklistOf(gate) is { Count: > 0 } checklist ? $" Approving attests every checklist item: {string.Join(", ", checklist)}." : "";

    private string StateText(Gate gate, GateTypeOptions? type) => gate.State switch
    {
        GateState.Approved => $"approved {At(gate.DecidedAt)}{(type?.ApprovedOutcome is { Length: > 0 } outcome ? $": {outcome}" : "")}",
        GateState.ChangesRequested => $"changes requested {At(gate.DecidedAt)}; waiting for {Name(gate.RequestedBy)} to resubmit",
        _ => $"open, waiting on {StageLabel(gate, gate.StageNumber)}{(type is { Stages.Count: > 1 } ? $" of {type.Stages.Count.ToString(CultureInfo.InvariantCulture)}" : "")} since {When(gate.StageOpenedAt)}",
    };

    private string StageText(GateView view, int stage, DateTimeOffset now)
    {
        var gate = view.Gate;
        var fills = gate.CurrentSignOffs.Where(s => s.StageNumber == stage && s.FillsRequiredSeat).ToList();
        var seats = view.StageAt(stage).Required.Select(seatId =>
        {
            var seatName = SeatName(seatId);
            var fill = fills.FirstOrDefault(s => s.SeatId.Equals(seatId, StringComparison.OrdinalIgnoreCase));
            if (fill is { IsOverride: true })
            {
                return $"{seatName}: OVERRIDE by {Name(fill.PersonId)} ({RoleName(fill.RoleHeld)}) {At(fill.At)} — {fill.Comment}";
            }

            if (fill is not null)
            {
                var attested = fill.Checklist.Count > 0 ? $", attested {string.Join(", ", fill.Checklist)}" : "";
                return $"{seatName}: approved by {Name(fill.PersonId)} ({RoleName(fill.RoleHeld)}) {At(fill.At)}{attested}{Said(fill.Comment)}";
            }

            if (stage > gate.StageNumber) return $"{seatName}: not yet (a later stage)";
            if (gate.State != GateState.Open) return $"{seatName}: not signed";
            var asked = policy.FindSeat(seatId) is { } seat ? view.ReviewersFor(seat, now) : [];
            return $"{seatName}: pending ({(asked.Count == 0 ? "nobody can sign it; a manager may override" : string.Join(", ", asked.Select(Name)))})";
        });
        return string.Join("; ", seats);
    }

    private string RoleName(string roleId) => roster.RoleName(roleId);

    private static string Verb(SignOff signOff) => signOff.Decision switch
    {
        SignOffDecision.Approve => "approved",
        SignOffDecision.Reject => "requested changes on",
        SignOffDecision.Comment => "commented on",
        SignOffDecision.Object => "objected on",
        _ => "OVERRODE",
    };

    private static string Said(string? comment) => string.IsNullOrWhiteSpace(comment) ? "" : $" — \"{OneLine.Of(comment)}\"";
}
