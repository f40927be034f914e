using System.Globalization;
using SecBot.Chat.Cards;
using SecBot.Chat.Conversation;
using SecBot.Domain;
using SecBot.Domain.Reviews;

namespace SecBot.Chat.Reviews;

/// <summary>
/// The words of review replies: what an action did and what the gate waits on now, why a stale button or a repeated
/// approve records nothing, the <c>reviews</c> list and the <c>status REV-n</c> answer. Deciding and storing stay in
/// <see cref="ReviewCommands"/> and <see cref="ReviewQueries"/>; pending seats come from <see cref="GateView"/>.
/// </summary>
internal sealed class ReviewReplies(ReviewCards cards)
{
    /// <summary>What an action left the gate waiting on: approved, changes requested, or the seats still pending.</summary>
    public string Progress(Gate before, GateDecision decision)
    {
        var gate = decision.Gate;
        if (gate.State == GateState.Approved) return $"{gate.Key} is approved; the requester and leadership are told.";
        if (gate.State == GateState.ChangesRequested) return $"{cards.Name(gate.RequestedBy)} and leadership are told; the requester can resubmit {gate.Key}.";

        var pending = cards.PendingSeatIds(gate);
        var stage = cards.StageLabel(gate, gate.StageNumber);
        var moved = gate.StageNumber != before.StageNumber || gate.Revision != before.Revision;
        return pending.Count == 0
            ? $"{stage} is open."
            : $"{(moved ? "Now at" : "Still open:")} {stage}, waiting on {cards.Seats(pending)}.";
    }

    /// <summary>"asked Amara Osei (Security Architecture), Sam Okafor (SOC)", plus any seat nobody can sign.</summary>
    public string Asked(GateDecision decision)
    {
        var asked = decision.Notices.OfType<ReviewRequestNotice>().Select(r => $"{cards.Name(r.PersonId)} ({cards.Seats(r.SeatIds)})").ToList();
        var unfillable = decision.Events.Where(e => e.Kind == GateEventKinds.NoReviewer).Select(e => e.Detail).ToList();
        var text = asked.Count == 0 ? "nobody could be asked" : "asked " + string.Join(", ", asked);
        return unfillable.Count == 0 ? text + "." : $"{text}; {string.Join("; ", unfillable)} (the team manager is told).";
    }

    /// <summary>A button from the request for an earlier revision: the gate was resubmitted since, so it must not count.</summary>
    public static string? StaleRevision(Gate gate, GateButtonValue target) =>
        target.Revision is { } revision && revision != gate.Revision && gate.State != GateState.Approved
            ? $"That button is from the request for revision {revision.ToString(CultureInfo.InvariantCulture)} of {gate.Key}, "
                + $"which has been resubmitted as revision {gate.Revision.ToString(CultureInfo.InvariantCulture)}; nothing was recorded. "
                + $"Use the newer request, or type: approve {gate.Key} [comment]"
            : null;

    /// <summary>
    /// A button of a request for a stage that has closed (or <c>stage:&lt;n&gt;</c> typed for a stage that is not open):
    /// it must not sign the stage the gate has moved on to.
    /// </summary>
    public string? StaleStage(Gate gate, GateButtonValue target, bool viaButton)
    {
        if (target.Stage is not { } stage || stage == gate.StageNumber || !gate.IsOpen) return null;
        var now = cards.StageLabel(gate, gate.StageNumber);
        return viaButton
            ? $"That button is from the request for {cards.StageLabel(gate, stage)} of {gate.Key}, which is closed; {gate.Key} is now at {now}. "
                + $"Nothing was recorded. If you were asked to sign {now}, use the buttons of that request, or type: approve {gate.Key} stage:{gate.StageNumber.ToString(CultureInfo.InvariantCulture)}"
            : $"{gate.Key} is at {now}, not stage {stage.ToString(CultureInfo.InvariantCulture)}; nothing was recorded. "
                + $"To sign {now}, type: approve {gate.Key} stage:{gate.StageNumber.ToString(CultureInfo.InvariantCulture)} [comment]";
    }

    /// <summary>Why a typed approve without a stage, which would sign a later stage than the caller's earlier one, records nothing.</summary>
    public string RepeatedApproval(Gate gate, int earlierStage, int stageNumber)
    {
        var stage = stageNumber.ToString(CultureInfo.InvariantCulture);
        return $"You signed {cards.StageLabel(gate, earlierStage)} of {gate.Key}; it has moved on to {cards.StageLabel(gate, stageNumber)}, and this approve would sign that too. "
            + $"Nothing was recorded. To sign {cards.StageLabel(gate, stageNumber)}, type: approve {gate.Key} stage:{stage} [comment], or press Approve on its request.";
    }

    /// <summary><c>reviews</c>: the gates waiting on the caller's sign-off, and the caller's own gates waiting on a resubmission.</summary>
    public ChatReply Pending(IReadOnlyList<PendingReview> pending, IReadOnlyList<Gate> mine, DateTimeOffset now)
    {
        if (pending.Count == 0 && mine.Count == 0) return ChatReply.Private("Nothing is waiting on you: no review needs your sign-off.");

        var facts = pending
            .Select(p => new CardFact(
                p.Gate.Key,
                $"{p.Gate.Title} — {cards.TypeName(p.Gate.Type)}, {cards.StageLabel(p.Gate, p.Gate.StageNumber)}: sign {cards.Seats(p.SeatIds)}; "
                + $"requested by {cards.Name(p.Gate.RequestedBy)}, waiting {ReadableTime.Span(now - p.Gate.StageOpenedAt)} (since {ReviewCards.When(p.Gate.StageOpenedAt)}); type: {ReviewCards.TypedApproval(p.Gate)} [comment]"))
            .Concat(mine.Select(g => new CardFact(
                g.Key, $"{g.Title} — changes requested: {g.Rejection?.Comment}; when it is fixed: resubmit {g.Key} [note]")))
            .ToList();
        var text = $"{ReadableTime.Count(pending.Count, "review")} waiting on your sign-off"
            + (mine.Count > 0 ? $", {ReadableTime.Count(mine.Count, "review")} of your own waiting on a resubmission" : "")
            + ":\n" + string.Join('\n', facts.Select(f => $"{f.Label}: {f.Value}"));
        var card = new Card
        {
            Title = "Waiting on you",
            Facts = facts,
            Text = pending.Count > 0 ? "approve REV-n stage:<n> [comment], or reject REV-n <reason>" : null,
        };
        return ChatReply.Private(text, card);
    }

    /// <summary><c>status REV-n</c>: the status card with the timeline and any message that could not be delivered.</summary>
    public ChatReply Status(Gate gate, IEnumerable<GateEvent> timeline, string? undelivered, DateTimeOffset now)
    {
        var card = cards.StatusCard(gate, now) with { Text = TimelineText.Of(timeline.Select(e => (e.At, e.Detail))) + (undelivered is null ? "" : "\n\n" + undelivered) };
        return ChatReply.Private($"{gate.Key} is {StateWord(gate)}.", card);
    }

    public static ChatReply Busy(string what) =>
        ChatReply.Refusal($"{what} kept changing while I tried to record that, so nothing was recorded; please try again.");

    private static string StateWord(Gate gate) => gate.State switch
    {
        GateState.Approved => "approved",
        GateState.ChangesRequested => "waiting for a resubmission (changes requested)",
        _ => "open",
    };
}
