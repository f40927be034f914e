using System.Globalization;
using SecBot.Chat.Cards;
using SecBot.Chat.Conversation;
using SecBot.Chat.Delivery;
using SecBot.Domain;
using SecBot.Domain.Incidents;
using SecBot.Domain.Reviews;
using SecBot.Domain.Roster;
using SecBot.Storage;
using SecBot.Storage.Reviews;

namespace SecBot.Chat.Reviews;

/// <summary>
/// Runs review commands and buttons: loads the gate in a write transaction, asks the engine, and commits its
/// decision with the ledger, the timeline, the outbox messages and the timers, all at once. When the store says
/// someone else decided first, the gate is reloaded and the engine asked again, so the answer is about the gate
/// as it now stands ("already signed by …"), never a duplicate sign-off.
/// </summary>
public sealed class ReviewCommands(
    IStore store, ReviewGateEngine engine, ReviewPolicy policy, EscalationPolicy escalation, ReviewCards cards, OutboxWriter outbox, TimeProvider time)
{
    /// <summary>The gate type <c>request tool &lt;title&gt;</c> opens.</summary>
    public const string ToolRequestType = "tool-request";

    /// <summary>Incident timeline kinds for the review a resolve opens (or could not open).</summary>
    public const string ReviewOpenedEvent = "review-opened";
    public const string ReviewNotOpenedEvent = "review-not-opened";

    /// <summary>How often one request decides again after losing a race before it gives up (nothing recorded).</summary>
    private const int Attempts = 3;

    private const string ApproveUsage = "approve REV-n [comment]";
    private const string RejectUsage = "reject REV-n <reason>";
    private const string ResubmitUsage = "resubmit REV-n [note]";
    private const string OverrideUsage = "override REV-n <seat> <reason>";
    private const string CommentUsage = "comment REV-n <text>";
    private const string ObjectUsage = "object REV-n <text>";

    public Task<ChatReply> OpenAsync(Person caller, string gateType, string title, string platform, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(caller);
        return store.WriteAsync(
            async transaction =>
            {
                for (var attempt = 0; attempt < Attempts; attempt++)
                {
                    var number = await GateRepository.NextNumberAsync(transaction);
                    var outcome = engine.Open(new OpenGate(gateType, title, caller.Id, null, platform), number, transaction.Now);
                    if (outcome.Value is not { } decision) return ChatReply.Refusal(outcome.Refusal!, "review <gate-type> <title>");
                    if (!await CommitAsync(transaction, null, decision)) continue;

                    var gate = decision.Gate;
                    return ChatReply.Public(
                        $"{gate.Key} opened ({gate.Type}): {Asked(decision)}",
                        cards.StatusCard(gate, transaction.Now, $"Requested by {caller.Name}")) with { Committed = true };
                }

                return Busy("the new review");
            },
            cancellationToken);
    }

    /// <summary><c>request tool &lt;title&gt;</c>: a tool-request gate; on approval its owner is told.</summary>
    public Task<ChatReply> RequestToolAsync(Person caller, string title, string platform, CancellationToken cancellationToken) =>
        OpenAsync(caller, ToolRequestType, title, platform, cancellationToken);

    /// <summary>
    /// Approves the seat the button names, else the first seat the caller may sign. A gate type with a checklist needs
    /// every item attested: from the button's checkboxes, or, typed without them, the caller gets the request card back
    /// to tick them. Typed without <c>stage:</c>, it will not sign a later stage of a gate whose earlier stage the caller
    /// signed (a repeated approve); <paramref name="writeReply"/> queues a button's answer with the change.
    /// </summary>
    public Task<ChatReply> ApproveAsync(
        Person caller, GateButtonValue target, string? comment, string? checklistInput, string platform, bool viaButton, CancellationToken cancellationToken,
        ReplyWriter? writeReply = null)
    {
        ArgumentNullException.ThrowIfNull(caller);
        return ActAsync(caller, target, Approval(caller, target, comment, checklistInput, platform, viaButton, assumeInputs: false), writeReply, cancellationToken);
    }

    public Task<ChatReply> RejectAsync(
        Person caller, GateButtonValue target, string? reason, string platform, bool viaButton, CancellationToken cancellationToken, ReplyWriter? writeReply = null)
    {
        ArgumentNullException.ThrowIfNull(caller);
        return ActAsync(caller, target, Rejection(caller, reason, platform, viaButton), writeReply, cancellationToken);
    }

    public Task<ChatReply> ResubmitAsync(Person caller, GateButtonValue target, string? note, string platform, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(caller);
        return ActAsync(
            caller, target, new GateAction(ResubmitUsage, false, "Resubmitted", (gate, now) => engine.Resubmit(gate, caller.Id, note, platform, now)), null, cancellationToken);
    }

    /// <summary>
    /// <c>override REV-n &lt;seat&gt; &lt;reason&gt;</c>: a team manager fills a pending required seat of the current stage
    /// in place of its reviewers (policy rule 6). The engine checks the manager role, the reason, the seat and that nobody
    /// eligible can sign it (or the manager notice is due); the sign-off is recorded as an override in the ledger, the
    /// timeline and every message about it.
    /// </summary>
    public Task<ChatReply> OverrideAsync(Person caller, GateButtonValue target, string seatId, string? reason, string platform, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(caller);
        return ActAsync(
            caller,
            target,
            new GateAction(OverrideUsage, false, "Override recorded", (gate, now) => engine.Override(gate, caller.Id, seatId, reason, platform, now))
            {
                Refuse = (_, refusal, _) => ChatReply.Refusal(refusal, OverrideUsage),
            },
            null,
            cancellationToken);
    }

    /// <summary>A reviewer's comment (the Comment button, or <c>comment REV-n &lt;text&gt;</c>): recorded and sent to the requester.</summary>
    public Task<ChatReply> CommentAsync(
        Person caller, GateButtonValue target, string? comment, string platform, bool viaButton, CancellationToken cancellationToken, ReplyWriter? writeReply = null)
    {
        ArgumentNullException.ThrowIfNull(caller);
        return ActAsync(caller, target, Commenting(caller, target, comment, platform, viaButton), writeReply, cancellationToken);
    }

    /// <summary>An optional reviewer's objection (the Object button, or <c>object REV-n &lt;text&gt;</c>): shown and sent to the requester, never blocking.</summary>
    public Task<ChatReply> ObjectAsync(
        Person caller, GateButtonValue target, string? reason, string platform, bool viaButton, CancellationToken cancellationToken, ReplyWriter? writeReply = null)
    {
        ArgumentNullException.ThrowIfNull(caller);
        return ActAsync(caller, target, Objecting(caller, target, reason, platform, viaButton), writeReply, cancellationToken);
    }

    /// <summary>
    /// Whether the caller may press a gate button, asked before its form opens: the same decision the press would make,
    /// on the gate as it stands, read without writing, with what the form asks for taken as given. Null: go ahead.
    /// </summary>
    public Task<ChatReply?> CheckAsync(Person caller, string actionId, GateButtonValue target, string platform, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(caller);
        var action = actionId switch
        {
            ActionIds.Approve => Approval(caller, target, null, null, platform, viaButton: true, assumeInputs: true),
            ActionIds.Reject => Rejection(caller, AssumedText, platform, viaButton: true),
            ActionIds.Comment => Commenting(caller, target, AssumedText, platform, viaButton: true),
            ActionIds.Object => Objecting(caller, target, AssumedText, platform, viaButton: true),
            _ => null,
        };
        if (action is null) return Task.FromResult<ChatReply?>(ChatReply.Refusal("That button is not one SecBot knows; nothing was changed."));

        return store.ReadAsync(
            async connection =>
            {
                var gate = await GateRepository.LoadAsync(connection, null, target.Number, cancellationToken);
                return Decide(gate, target, action, time.GetUtcNow()).Refusal;
            },
            cancellationToken);
    }

    /// <summary><c>reviews</c>: gates with a seat the caller could sign now, and the caller's own gates waiting on a resubmission.</summary>
    public Task<ChatReply> PendingAsync(Person caller, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(caller);
        return store.ReadAsync(
            async connection =>
            {
                var now = time.GetUtcNow();
                var gates = await GateRepository.ListOpenAsync(connection, cancellationToken);
                var pending = engine.PendingFor(gates, caller.Id, now);
                var mine = gates.Where(g => g.State == GateState.ChangesRequested && g.RequestedBy.Equals(caller.Id, StringComparison.OrdinalIgnoreCase)).ToList();
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
            },
            cancellationToken);
    }

    /// <summary><c>status REV-n</c>: sign-offs seat by seat, overrides, objections, stale sign-offs and the timeline.</summary>
    public Task<ChatReply> StatusAsync(long number, CancellationToken cancellationToken) =>
        store.ReadAsync(
            async connection =>
            {
                if (await GateRepository.LoadAsync(connection, null, number, cancellationToken) is not { } gate)
                {
                    return ChatReply.Refusal($"There is no {GateKey.Format(number)}.", "status [INC-n|REV-n]");
                }

                var timeline = await GateRepository.TimelineAsync(connection, gate.Number, cancellationToken);
                var undelivered = await DeliveryWarnings.AboutAsync(connection, gate.Key, cards.Name, cancellationToken);
                var card = cards.StatusCard(gate, time.GetUtcNow()) with { Text = TimelineText.Of(timeline.Select(e => (e.At, e.Detail))) + (undelivered is null ? "" : "\n\n" + undelivered) };
                return ChatReply.Private($"{gate.Key} is {StateWord(gate)}.", card);
            },
            cancellationToken);

    /// <summary>
    /// An incident was resolved in <paramref name="transaction"/>: when its type asks for a review on resolve
    /// (<c>OnResolveGate</c>), open it, requested for the incident's lead by whoever resolved it (the ledger's opened record
    /// names both), linked to the incident, in the same transaction.
    /// Returns the timeline line saying which gate opened (or why none could), for the resolver's reply; null when the type asks for no review.
    /// </summary>
    public async Task<string?> OpenForResolvedIncidentAsync(StoreTransaction transaction, Incident incident)
    {
        ArgumentNullException.ThrowIfNull(transaction);
        ArgumentNullException.ThrowIfNull(incident);
        if (escalation.FindType(incident.Type)?.OnResolveGate is not { Length: > 0 } gateType) return null;

        // Types without a lead role get their lead from the acknowledgement; failing that, whoever resolved or declared it.
        var lead = incident.LeadPersonId ?? incident.AcknowledgedBy ?? incident.ResolvedBy ?? incident.DeclaredBy;
        var resolvedBy = incident.ResolvedBy ?? lead;
        for (var attempt = 0; attempt < Attempts; attempt++)
        {
            var number = await GateRepository.NextNumberAsync(transaction);
            var outcome = engine.OpenForIncident(gateType, incident.Number, lead, resolvedBy, incident.Title, number, transaction.Now);
            if (outcome.Value is not { } decision)
            {
                var notOpened = $"the {gateType} review could not be opened: {outcome.Refusal}";
                await transaction.AppendIncidentEventAsync(incident.Number, ReviewNotOpenedEvent, IncidentEvent.System, notOpened);
                return notOpened;
            }

            if (!await CommitAsync(transaction, null, decision)) continue;

            var gate = decision.Gate;
            var text = $"{incident.Key} is resolved, so {gate.Key} ({policy.FindType(gate.Type)?.Name ?? gate.Type}) is open, requested by its lead {cards.Name(lead)}: {Asked(decision)}";
            await transaction.AppendIncidentEventAsync(incident.Number, ReviewOpenedEvent, IncidentEvent.System, text);
            var onRoster = cards.IsOnRoster(lead);
            await outbox.EnqueueAsync(transaction, new OutboundMessage(Recipient.IncidentsChannel, cards.NoteCard(gate, GateEventKinds.Opened, text) with { Mentions = onRoster ? [lead] : [] }) { Subject = gate.Key });
            if (onRoster)
            {
                var card = cards.StatusCard(gate, transaction.Now) with { Text = $"You led {incident.Key}, so {gate.Key} is yours to see through review: {Asked(decision)}" };
                await outbox.EnqueueAsync(transaction, new OutboundMessage(Recipient.Person(lead), card) { Subject = gate.Key });
            }

            return text;
        }

        var gaveUp = $"the {gateType} review could not be opened: the gate numbers kept changing";
        await transaction.AppendIncidentEventAsync(incident.Number, ReviewNotOpenedEvent, IncidentEvent.System, gaveUp);
        return gaveUp;
    }

    /// <summary>A reminder or manager-notice deadline came due, inside the transaction that marks its timer fired.</summary>
    public async Task FireTimerAsync(StoreTransaction transaction, ReviewTimer timer)
    {
        ArgumentNullException.ThrowIfNull(transaction);
        ArgumentNullException.ThrowIfNull(timer);
        for (var attempt = 0; attempt < Attempts; attempt++)
        {
            if (await GateRepository.LoadAsync(transaction, timer.GateNumber) is not { } gate) return;
            if (engine.OnTimer(gate, timer, transaction.Now) is not { } decision) return;
            if (await CommitAsync(transaction, gate, decision)) return;
        }
    }

    /// <summary>Stands in for what a form will ask for (a reason, a comment) when only the right to act is checked.</summary>
    private const string AssumedText = "(asked in the form)";

    private GateAction Approval(Person caller, GateButtonValue target, string? comment, string? checklistInput, string platform, bool viaButton, bool assumeInputs) =>
        new(ApproveUsage, viaButton, "Approved", (gate, now) =>
        {
            var checklist = assumeInputs ? cards.ChecklistOf(gate) : ChecklistInput.Read(checklistInput, cards.ChecklistOf(gate));
            var outcome = engine.Approve(gate, caller.Id, target.Seat, comment, checklist, platform, now);
            return !viaButton && target.Stage is null && outcome.Value is { } decision && RepeatedApproval(gate, caller, decision) is { } repeated
                ? Outcome<GateDecision>.Refused(repeated)
                : outcome;
        })
        {
            Refuse = (gate, refusal, now) => !assumeInputs && checklistInput is null && NeedsOnlyChecklist(gate, caller, comment, platform, now)
                ? ChatReply.Refusal($"{refusal} Tick them on the Approve button below.") with { Card = cards.RequestCard(gate, [], now) }
                : ChatReply.Refusal(refusal),
        };

    private GateAction Rejection(Person caller, string? reason, string platform, bool viaButton) =>
        new(RejectUsage, viaButton, "Changes requested", (gate, now) => engine.Reject(gate, caller.Id, reason, platform, now));

    private GateAction Commenting(Person caller, GateButtonValue target, string? comment, string platform, bool viaButton) =>
        new(CommentUsage, viaButton, "Commented", (gate, now) => engine.Comment(gate, caller.Id, target.Seat, comment, platform, now)) { Buttons = ButtonsAfterComment(caller) };

    private GateAction Objecting(Person caller, GateButtonValue target, string? reason, string platform, bool viaButton) =>
        new(ObjectUsage, viaButton, "Objection recorded", (gate, now) => engine.Object(gate, caller.Id, target.Seat, reason, platform, now)) { Buttons = ButtonsAfterComment(caller) };

    private async Task<ChatReply> ActAsync(Person caller, GateButtonValue target, GateAction action, ReplyWriter? writeReply, CancellationToken cancellationToken) =>
        await store.WriteAsync(
            async transaction =>
            {
                var now = transaction.Now;
                for (var attempt = 0; attempt < Attempts; attempt++)
                {
                    var gate = await GateRepository.LoadAsync(transaction, target.Number);
                    var (decision, refusal) = Decide(gate, target, action, now);
                    if (refusal is not null) return refusal;

                    // False: someone else decided first and nothing was written; decide again on the gate as it now stands.
                    if (!await CommitAsync(transaction, gate, decision!)) continue;

                    var reply = Reply(caller, gate!, decision!, now, action) with { Committed = true };
                    if (writeReply is null) return reply;

                    // The answer (the button's message updated in place) is queued with the change: both or neither.
                    await writeReply(transaction, reply);
                    return reply with { IsQueued = true };
                }

                return Busy(target.Key);
            },
            cancellationToken);

    /// <summary>The engine's decision on <paramref name="gate"/> as it stands, or the refusal to answer with (nothing changes).</summary>
    private (GateDecision? Decision, ChatReply? Refusal) Decide(Gate? gate, GateButtonValue target, GateAction action, DateTimeOffset now)
    {
        if (gate is null) return (null, ChatReply.Refusal($"There is no {target.Key}.", action.Usage));
        if ((StaleRevision(gate, target) ?? StaleStage(gate, target, action.ViaButton)) is { } stale) return (null, ChatReply.Refusal(stale));
        var outcome = action.Decide(gate, now);
        return outcome.Value is { } decision
            ? (decision, null)
            : (null, action.Refuse?.Invoke(gate, outcome.Refusal!, now) ?? ChatReply.Refusal(outcome.Refusal!));
    }

    /// <summary>The private answer to a committed action: what happened and what the gate waits on now.</summary>
    private ChatReply Reply(Person caller, Gate before, GateDecision committed, DateTimeOffset at, GateAction action)
    {
        var text = $"{before.Key}: {(committed.Events.Count > 0 ? committed.Events[0].Detail : action.DoneBy)}. {Progress(before, committed)}";
        var card = cards.StatusCard(committed.Gate, at, $"{action.DoneBy} by {caller.Name} at {ReviewCards.When(at)}");
        if (action.Buttons is not null) card = card with { Buttons = action.Buttons(committed.Gate, at) };
        return new ChatReply(ReplyVisibility.Private, text, card) { UpdatesOriginal = action.ViaButton };
    }

    /// <summary>
    /// One review action: how the engine decides it on a gate, how a refusal is answered, and the buttons the updated
    /// message keeps. Acting and checking (before a form opens) share it, so the two can never disagree.
    /// </summary>
    private sealed record GateAction(string Usage, bool ViaButton, string DoneBy, Func<Gate, DateTimeOffset, Outcome<GateDecision>> Decide)
    {
        public Func<Gate, string, DateTimeOffset, ChatReply>? Refuse { get; init; }

        public Func<Gate, DateTimeOffset, IReadOnlyList<CardButton>>? Buttons { get; init; }
    }

    /// <summary>
    /// Policy rule 5: an optional reviewer may approve, comment or object at any time while the gate is open, so the
    /// card that replaces theirs after a comment or objection keeps those buttons until the gate is decided; a required
    /// reviewer who commented keeps the buttons of the request they were sent while they still have a seat to sign.
    /// </summary>
    private Func<Gate, DateTimeOffset, IReadOnlyList<CardButton>> ButtonsAfterComment(Person caller) => (gate, now) =>
    {
        if (!gate.IsOpen) return [];
        var latest = gate.SignOffs.LastOrDefault(s => s.PersonId.Equals(caller.Id, StringComparison.OrdinalIgnoreCase));
        if (latest is { IsOptionalSeat: true }) return cards.OptionalButtons(gate);
        var seats = engine.PendingFor([gate], caller.Id, now).SelectMany(p => p.SeatIds).ToList();
        return seats.Count > 0 ? cards.RequiredButtons(gate, seats) : [];
    };

    private async Task<bool> CommitAsync(StoreTransaction transaction, Gate? before, GateDecision decision)
    {
        if (!await GateRepository.SaveAsync(transaction, before, decision)) return false;
        if (decision.Notices.Count > 0)
        {
            await outbox.EnqueueAsync(transaction, decision.Notices.Select(notice => cards.Render(notice, transaction.Now)));
        }

        return true;
    }

    /// <summary>A button from the request for an earlier revision: the gate was resubmitted since, so it must not count.</summary>
    private static string? StaleRevision(Gate gate, GateButtonValue target) =>
        target.Revision is { } revision && revision != gate.Revision && gate.State != GateState.Approved
            ? $"That button is from the request for revision {revision.ToString(CultureInfo.InvariantCulture)} of {gate.Key}, "
                + $"which has been resubmitted as revision {gate.Revision.ToString(CultureInfo.InvariantCulture)}; nothing was recorded. "
                + $"Use the newer request, or type: approve {gate.Key} [comment]"
            : null;

    /// <summary>
    /// A button of a request for a stage that has closed (or <c>stage:&lt;n&gt;</c> typed for a stage that is not open):
    /// it must not sign the stage the gate has moved on to.
    /// </summary>
    private string? StaleStage(Gate gate, GateButtonValue target, bool viaButton)
    {
        if (target.Stage is not { } stage || stage == gate.StageNumber || !gate.IsOpen) return null;
        var now = cards.StageLabel(gate, gate.StageNumber);
        return viaButton
            ? $"That button is from the request for {cards.StageLabel(gate, stage)} of {gate.Key}, which is closed; {gate.Key} is now at {now}. "
                + $"Nothing was recorded. If you were asked to sign {now}, use the buttons of that request, or type: approve {gate.Key} stage:{gate.StageNumber.ToString(CultureInfo.InvariantCulture)}"
            : $"{gate.Key} is at {now}, not stage {stage.ToString(CultureInfo.InvariantCulture)}; nothing was recorded. "
                + $"To sign {now}, type: approve {gate.Key} stage:{gate.StageNumber.ToString(CultureInfo.InvariantCulture)} [comment]";
    }

    /// <summary>
    /// A typed <c>approve REV-n</c> with no stage that would sign a later stage than one the caller already signed: the
    /// request for that stage went out because of their own sign-off, so a repeated approve would sign a stage they may
    /// not have looked at. It needs the stage named (or the new request's button).
    /// </summary>
    private string? RepeatedApproval(Gate gate, Person caller, GateDecision decision)
    {
        var signs = decision.Gate.SignOffs.Count > gate.SignOffs.Count ? decision.Gate.SignOffs[gate.SignOffs.Count] : null;
        if (signs is not { FillsRequiredSeat: true }) return null;
        var earlier = gate.CurrentSignOffs
            .Where(s => s.FillsRequiredSeat && s.StageNumber < signs.StageNumber && s.PersonId.Equals(caller.Id, StringComparison.OrdinalIgnoreCase))
            .Select(s => s.StageNumber)
            .DefaultIfEmpty()
            .Max();
        if (earlier == 0) return null;
        var stage = signs.StageNumber.ToString(CultureInfo.InvariantCulture);
        return $"You signed {cards.StageLabel(gate, earlier)} of {gate.Key}; it has moved on to {cards.StageLabel(gate, signs.StageNumber)}, and this approve would sign that too. "
            + $"Nothing was recorded. To sign {cards.StageLabel(gate, signs.StageNumber)}, type: approve {gate.Key} stage:{stage} [comment], or press Approve on its request.";
    }

    /// <summary>True when the approval was refused only for want of checklist attestations.</summary>
    private bool NeedsOnlyChecklist(Gate gate, Person caller, string? comment, string platform, DateTimeOffset now) =>
        cards.ChecklistOf(gate) is { Count: > 0 } checklist
        && !engine.Approve(gate, caller.Id, null, comment, checklist, platform, now).IsRefused;

    private string Progress(Gate before, GateDecision decision)
    {
        var gate = decision.Gate;
        if (gate.State == GateState.Approved) return $"{gate.Key} is approved; the requester and leadership are told.";
        if (gate.State == GateState.ChangesRequested) return $"{cards.Name(gate.RequestedBy)} and leadership are told; the requester can resubmit {gate.Key}.";

        var pending = PendingSeats(gate);
        var stage = cards.StageLabel(gate, gate.StageNumber);
        var moved = gate.StageNumber != before.StageNumber || gate.Revision != before.Revision;
        return pending.Count == 0
            ? $"{stage} is open."
            : $"{(moved ? "Now at" : "Still open:")} {stage}, waiting on {cards.Seats(pending)}.";
    }

    private List<string> PendingSeats(Gate gate)
    {
        var stages = policy.FindType(gate.Type)?.Stages ?? [];
        if (gate.StageNumber < 1 || gate.StageNumber > stages.Count) return [];
        var filled = gate.CurrentSignOffs.Where(s => s.StageNumber == gate.StageNumber && s.FillsRequiredSeat).Select(s => s.SeatId).ToHashSet(StringComparer.OrdinalIgnoreCase);
        return [.. stages[gate.StageNumber - 1].Required.Where(seat => !filled.Contains(seat))];
    }

    /// <summary>"asked Amara Osei (Security Architecture), Sam Okafor (SOC)", plus any seat nobody can sign.</summary>
    private string Asked(GateDecision decision)
    {
        var asked = decision.Notices.OfType<ReviewRequestNotice>().Select(r => $"{cards.Name(r.PersonId)} ({cards.Seats(r.SeatIds)})").ToList();
        var unfillable = decision.Events.Where(e => e.Kind == GateEventKinds.NoReviewer).Select(e => e.Detail).ToList();
        var text = asked.Count == 0 ? "nobody could be asked" : "asked " + string.Join(", ", asked);
        return unfillable.Count == 0 ? text + "." : $"{text}; {string.Join("; ", unfillable)} (the team manager is told).";
    }

    private static string StateWord(Gate gate) => gate.State switch
    {
        GateState.Approved => "approved",
        GateState.ChangesRequested => "waiting for a resubmission (changes requested)",
        _ => "open",
    };

    private static ChatReply Busy(string what) =>
        ChatReply.Refusal($"{what} kept changing while I tried to record that, so nothing was recorded; please try again.");
}
