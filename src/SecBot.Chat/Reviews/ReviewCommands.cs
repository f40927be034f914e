using SecBot.Chat.Cards;
using SecBot.Chat.Conversation;
using SecBot.Chat.Delivery;
using SecBot.Domain;
using SecBot.Domain.Incidents;
using SecBot.Domain.Reviews;
using SecBot.Domain.Roster;
using SecBot.Storage;
using SecBot.Storage.Reviews;
using SecBot.Storage.Timers;

namespace SecBot.Chat.Reviews;

/// <summary>
/// Runs review commands and buttons: loads the gate in a write transaction, asks the engine, and commits its
/// decision with the ledger, the timeline, the outbox messages and the timers, all at once. When the store says
/// someone else decided first, the gate is reloaded and the engine asked again, so the answer is about the gate
/// as it now stands ("already signed by …"), never a duplicate sign-off. The write path only: the read models are
/// <see cref="ReviewQueries"/>, the words of the replies <see cref="ReviewReplies"/>.
/// </summary>
/// <param name="observers">Told of every gate change inside the transaction that saves it (the Gate API queues its callbacks so).</param>
public sealed class ReviewCommands(
    IStore store, GateRepository gates, ReviewGateEngine engine, ReviewPolicy policy, EscalationPolicy escalation, ReviewCards cards, OutboxWriter outbox, TimeProvider time,
    IEnumerable<IGateChangeObserver>? observers = null)
{
    /// <summary>The gate type <c>request tool &lt;title&gt;</c> opens.</summary>
    public const string ToolRequestType = "tool-request";

    /// <summary>Incident timeline kinds for the review a resolve opens (or could not open).</summary>
    public const string ReviewOpenedEvent = "review-opened";
    public const string ReviewNotOpenedEvent = "review-not-opened";

    /// <summary>Gate timeline kind: the gate was opened through the Gate API, by which service for whom.</summary>
    public const string OpenedThroughApiEvent = "opened-through-api";

    /// <summary>The platform a gate opened through the Gate API records (ledger and <c>RequestedVia</c>): <c>api:&lt;service&gt;</c>.</summary>
    public static string ApiPlatform(string service) => $"api:{service}";

    /// <summary>How often one request decides again after losing a race before it gives up (nothing recorded).</summary>
    private const int Attempts = 3;

    private const string OpenUsage = "review <gate-type> <title>";
    private const string ApproveUsage = "approve REV-n [comment]";
    private const string RejectUsage = "reject REV-n <reason>";
    private const string ResubmitUsage = "resubmit REV-n [note]";
    private const string OverrideUsage = "override REV-n <seat> <reason>";
    private const string CommentUsage = "comment REV-n <text>";
    private const string ObjectUsage = "object REV-n <text>";

    private static readonly SubjectTimeline Timeline = new();

    private readonly ReviewReplies _replies = new(cards);
    private readonly IReadOnlyList<IGateChangeObserver> _observers = [.. observers ?? []];

    public Task<ChatReply> OpenAsync(Person caller, string gateType, string title, string platform, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(caller);
        return store.WriteAsync(
            async transaction =>
            {
                var (decision, refusal) = await OpenInAsync(transaction, new OpenGate(gateType, title, caller.Id, null, platform));
                if (refusal is not null) return ChatReply.Refusal(refusal, OpenUsage);
                if (decision is null) return ReviewReplies.Busy("the new review");

                var gate = decision.Gate;
                return ChatReply.Public(
                    $"{gate.Key} opened ({gate.Type}): {_replies.Asked(decision)}",
                    cards.StatusCard(gate, transaction.Now, $"Requested by {caller.Name}")) with { Committed = true };
            },
            cancellationToken);
    }

    /// <summary>
    /// A gate opened through the Gate API by <paramref name="service"/> for <paramref name="requester"/>: the same rules and
    /// the same commit as <c>review &lt;type&gt; &lt;title&gt;</c> typed by the requester, recorded in the ledger as from
    /// <c>api:&lt;service&gt;</c> and on the timeline as opened through the API; <paramref name="recordOrigin"/> writes what
    /// the API keeps about it in the same transaction; <paramref name="detailsUrl"/>, the caller's link for reviewers, goes on
    /// the timeline with it. The gate, or the refusal that says why none was opened.
    /// </summary>
    public Task<Outcome<Gate>> OpenForServiceAsync(
        Person requester, string gateType, string title, string service, string? detailsUrl, Func<StoreTransaction, Gate, Task> recordOrigin,
        CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(requester);
        ArgumentException.ThrowIfNullOrWhiteSpace(service);
        ArgumentNullException.ThrowIfNull(recordOrigin);
        return store.WriteAsync(
            async transaction =>
            {
                var (decision, refusal) = await OpenInAsync(transaction, new OpenGate(gateType, title, requester.Id, null, ApiPlatform(service)));
                if (refusal is not null) return Outcome<Gate>.Refused(refusal);
                if (decision is null) return Outcome<Gate>.Refused("The gate numbers kept changing while the gate was being opened, so nothing was recorded; please try again.");

                var gate = decision.Gate;
                await Timeline.AppendAsync(
                    transaction,
                    gate.Key,
                    OpenedThroughApiEvent,
                    $"opened through the Gate API by service {service} for {requester.Name} ({requester.Id}){(detailsUrl is null ? "" : $"; details: {detailsUrl}")}");
                await recordOrigin(transaction, gate);
                return Outcome<Gate>.Decided(gate);
            },
            cancellationToken);
    }

    /// <summary>Opens <paramref name="request"/> in <paramref name="transaction"/>: the decision, the engine's refusal, or neither when the numbers kept changing.</summary>
    private async Task<(GateDecision? Decision, string? Refusal)> OpenInAsync(StoreTransaction transaction, OpenGate request)
    {
        for (var attempt = 0; attempt < Attempts; attempt++)
        {
            var number = await gates.NextNumberAsync(transaction);
            var outcome = engine.Open(request, number, transaction.Now);
            if (outcome.Value is not { } decision) return (null, outcome.Refusal!);
            if (await CommitAsync(transaction, null, decision)) return (decision, null);
        }

        return (null, null);
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
        ReplyWriter? writeReply = null, MessageRef? pressed = null)
    {
        ArgumentNullException.ThrowIfNull(caller);
        return ActAsync(caller, target, Approval(caller, target, comment, checklistInput, platform, viaButton, assumeInputs: false), writeReply, cancellationToken, pressed);
    }

    public Task<ChatReply> RejectAsync(
        Person caller, GateButtonValue target, string? reason, string platform, bool viaButton, CancellationToken cancellationToken, ReplyWriter? writeReply = null,
        MessageRef? pressed = null)
    {
        ArgumentNullException.ThrowIfNull(caller);
        return ActAsync(caller, target, Rejection(caller, reason, platform, viaButton), writeReply, cancellationToken, pressed);
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
        Person caller, GateButtonValue target, string? comment, string platform, bool viaButton, CancellationToken cancellationToken, ReplyWriter? writeReply = null,
        MessageRef? pressed = null)
    {
        ArgumentNullException.ThrowIfNull(caller);
        return ActAsync(caller, target, Commenting(caller, target, comment, platform, viaButton), writeReply, cancellationToken, pressed);
    }

    /// <summary>An optional reviewer's objection (the Object button, or <c>object REV-n &lt;text&gt;</c>): shown and sent to the requester, never blocking.</summary>
    public Task<ChatReply> ObjectAsync(
        Person caller, GateButtonValue target, string? reason, string platform, bool viaButton, CancellationToken cancellationToken, ReplyWriter? writeReply = null,
        MessageRef? pressed = null)
    {
        ArgumentNullException.ThrowIfNull(caller);
        return ActAsync(caller, target, Objecting(caller, target, reason, platform, viaButton), writeReply, cancellationToken, pressed);
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
                var gate = await gates.LoadAsync(connection, null, target.Number, cancellationToken);
                return Decide(gate, target, action, time.GetUtcNow()).Refusal;
            },
            cancellationToken);
    }

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
        // An alert source is nobody's lead: an incident an alert opened and closed is led by the first person paged on it.
        var lead = new[] { incident.LeadPersonId, incident.AcknowledgedBy, incident.ResolvedBy, incident.DeclaredBy }
                .FirstOrDefault(actor => actor is not null && !AlertSource.IsSource(actor))
            ?? incident.Pages.Select(p => p.PersonId).FirstOrDefault()
            ?? incident.DeclaredBy;
        // The ledger records a person as the opener: a resolve by an alert source is entered under the lead.
        var resolvedBy = incident.ResolvedBy is { } resolver && !AlertSource.IsSource(resolver) ? resolver : lead;
        for (var attempt = 0; attempt < Attempts; attempt++)
        {
            var number = await gates.NextNumberAsync(transaction);
            var outcome = engine.OpenForIncident(gateType, incident.Number, lead, resolvedBy, incident.Title, number, transaction.Now);
            if (outcome.Value is not { } decision)
            {
                var notOpened = $"the {gateType} review could not be opened: {outcome.Refusal}";
                await transaction.AppendIncidentEventAsync(incident.Number, ReviewNotOpenedEvent, IncidentEvent.System, notOpened);
                return notOpened;
            }

            if (!await CommitAsync(transaction, null, decision)) continue;

            var gate = decision.Gate;
            var text = $"{incident.Key} is resolved, so {gate.Key} ({policy.FindType(gate.Type)?.Name ?? gate.Type}) is open, requested by its lead {cards.Name(lead)}: {_replies.Asked(decision)}";
            await transaction.AppendIncidentEventAsync(incident.Number, ReviewOpenedEvent, IncidentEvent.System, text);
            var onRoster = cards.IsOnRoster(lead);
            await outbox.EnqueueAsync(transaction, new OutboundMessage(Recipient.IncidentsChannel, cards.NoteCard(gate, GateEventKinds.Opened, text) with { Mentions = onRoster ? [lead] : [] }) { Subject = gate.Key });
            if (onRoster)
            {
                var card = cards.StatusCard(gate, transaction.Now) with { Text = $"You led {incident.Key}, so {gate.Key} is yours to see through review: {_replies.Asked(decision)}" };
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
            if (await gates.LoadAsync(transaction, timer.GateNumber) is not { } gate) return;
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

    private async Task<ChatReply> ActAsync(
        Person caller, GateButtonValue target, GateAction action, ReplyWriter? writeReply, CancellationToken cancellationToken, MessageRef? pressed = null) =>
        await store.WriteAsync(
            async transaction =>
            {
                var now = transaction.Now;
                for (var attempt = 0; attempt < Attempts; attempt++)
                {
                    var gate = await gates.LoadAsync(transaction, target.Number);
                    var (decision, refusal) = Decide(gate, target, action, now);
                    if (refusal is not null) return refusal;

                    // False: someone else decided first and nothing was written; decide again on the gate as it now stands.
                    var queuedBefore = await OutboxWriter.LastRowAsync(transaction);
                    if (!await CommitAsync(transaction, gate, decision!)) continue;

                    var reply = Reply(caller, gate!, decision!, now, action) with { Committed = true };

                    // The caller's other copies of this gate's cards (on any platform) show what the pressed one shows;
                    // once the gate is decided, everyone's do, so no request is left with live buttons.
                    var except = writeReply is null ? null : pressed;
                    await outbox.EnqueueRefreshAsync(transaction, gate!.Key, reply.Card!, queuedBefore, except, decision!.Gate.IsOpen ? Recipient.Person(caller.Id) : null);
                    if (writeReply is null) return reply;

                    // The answer (the button's message updated in place) is queued with the change: both or neither.
                    await writeReply(transaction, reply);
                    return reply with { IsQueued = true };
                }

                return ReviewReplies.Busy(target.Key);
            },
            cancellationToken);

    /// <summary>The engine's decision on <paramref name="gate"/> as it stands, or the refusal to answer with (nothing changes).</summary>
    private (GateDecision? Decision, ChatReply? Refusal) Decide(Gate? gate, GateButtonValue target, GateAction action, DateTimeOffset now)
    {
        if (gate is null) return (null, ChatReply.Refusal($"There is no {target.Key}.", action.Usage));
        if ((ReviewReplies.StaleRevision(gate, target) ?? _replies.StaleStage(gate, target, action.ViaButton)) is { } stale) return (null, ChatReply.Refusal(stale));
        var outcome = action.Decide(gate, now);
        return outcome.Value is { } decision
            ? (decision, null)
            : (null, action.Refuse?.Invoke(gate, outcome.Refusal!, now) ?? ChatReply.Refusal(outcome.Refusal!));
    }

    /// <summary>The private answer to a committed action: what happened and what the gate waits on now.</summary>
    private ChatReply Reply(Person caller, Gate before, GateDecision committed, DateTimeOffset at, GateAction action)
    {
        var text = $"{before.Key}: {(committed.Events.Count > 0 ? committed.Events[0].Detail : action.DoneBy)}. {_replies.Progress(before, committed)}";
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
        if (!await gates.SaveAsync(transaction, before, decision)) return false;
        if (decision.Notices.Count > 0)
        {
            await outbox.EnqueueAsync(transaction, decision.Notices.Select(notice => cards.Render(notice, transaction.Now)));
        }

        foreach (var observer in _observers) await observer.SavedAsync(transaction, before, decision.Gate);
        return true;
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
        return earlier == 0 ? null : _replies.RepeatedApproval(gate, earlier, signs.StageNumber);
    }

    /// <summary>True when the approval was refused only for want of checklist attestations.</summary>
    private bool NeedsOnlyChecklist(Gate gate, Person caller, string? comment, string platform, DateTimeOffset now) =>
        cards.ChecklistOf(gate) is { Count: > 0 } checklist
        && !engine.Approve(gate, caller.Id, null, comment, checklist, platform, now).IsRefused;
}
