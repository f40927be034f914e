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
                        cards.StatusCard(gate, transaction.Now, $"Requested by {caller.Name}"));
                }

                return Busy("the new review");
            },
            cancellationToken);
    }

    /// <summary><c>request tool &lt;title&gt;</c>: a tool-request gate; on approval its owner is told.</summary>
    public Task<ChatReply> RequestToolAsync(Person caller, string title, string platform, CancellationToken cancellationToken) =>
        OpenAsync(caller, ToolRequestType, title, platform, cancellationToken);

    /// <summary>
    /// Approves the first seat the caller may sign. A gate type with a checklist needs every item attested: from the
    /// button's checkboxes, or, typed without them, the caller gets the request card back to tick them.
    /// </summary>
    public Task<ChatReply> ApproveAsync(
        Person caller, GateButtonValue target, string? comment, string? checklistInput, string platform, bool viaButton, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(caller);
        return ActAsync(
            caller, target, ApproveUsage, viaButton, "Approved",
            (gate, now) => engine.Approve(gate, caller.Id, null, comment, ChecklistInput.Read(checklistInput, cards.ChecklistOf(gate)), platform, now),
            (gate, refusal, now) => checklistInput is null && NeedsOnlyChecklist(gate, caller, comment, platform, now)
                ? ChatReply.Refusal($"{refusal} Tick them on the Approve button below.") with { Card = cards.RequestCard(gate, [], now) }
                : ChatReply.Refusal(refusal),
            cancellationToken);
    }

    public Task<ChatReply> RejectAsync(Person caller, GateButtonValue target, string? reason, string platform, bool viaButton, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(caller);
        return ActAsync(
            caller, target, RejectUsage, viaButton, "Changes requested",
            (gate, now) => engine.Reject(gate, caller.Id, reason, platform, now),
            null,
            cancellationToken);
    }

    public Task<ChatReply> ResubmitAsync(Person caller, GateButtonValue target, string? note, string platform, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(caller);
        return ActAsync(
            caller, target, ResubmitUsage, false, "Resubmitted",
            (gate, now) => engine.Resubmit(gate, caller.Id, note, platform, now),
            null,
            cancellationToken);
    }

    /// <summary>
    /// <c>override REV-n &lt;seat&gt; &lt;reason&gt;</c>: a team manager fills a pending required seat of the current stage
    /// in place of its reviewers (policy rule 6). The engine checks the manager role, the reason and the seat; the
    /// sign-off is recorded as an override in the ledger, the timeline and every message about it.
    /// </summary>
    public Task<ChatReply> OverrideAsync(Person caller, GateButtonValue target, string seatId, string? reason, string platform, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(caller);
        return ActAsync(
            caller, target, OverrideUsage, false, "Override recorded",
            (gate, now) => engine.Override(gate, caller.Id, seatId, reason, platform, now),
            (_, refusal, _) => ChatReply.Refusal(refusal, OverrideUsage),
            cancellationToken);
    }

    /// <summary>An optional reviewer's comment (the Comment button).</summary>
    public Task<ChatReply> CommentAsync(Person caller, GateButtonValue target, string? comment, string platform, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(caller);
        return ActAsync(
            caller, target, ApproveUsage, true, "Commented",
            (gate, now) => engine.Comment(gate, caller.Id, null, comment, platform, now),
            null,
            cancellationToken,
            OptionalButtonsWhileOpen);
    }

    /// <summary>An optional reviewer's objection (the Object button): shown and sent to the requester, never blocking.</summary>
    public Task<ChatReply> ObjectAsync(Person caller, GateButtonValue target, string? reason, string platform, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(caller);
        return ActAsync(
            caller, target, ApproveUsage, true, "Objection recorded",
            (gate, now) => engine.Object(gate, caller.Id, null, reason, platform, now),
            null,
            cancellationToken,
            OptionalButtonsWhileOpen);
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
                        $"{p.Gate.Title} — {p.Gate.Type}, {cards.StageLabel(p.Gate, p.Gate.StageNumber)}: sign {cards.Seats(p.SeatIds)}; "
                        + $"requested by {cards.Name(p.Gate.RequestedBy)}, waiting since {ReviewCards.When(p.Gate.StageOpenedAt)}"))
                    .Concat(mine.Select(g => new CardFact(
                        g.Key, $"{g.Title} — changes requested: {g.Rejection?.Comment}; when it is fixed: resubmit {g.Key} [note]")))
                    .ToList();
                var text = $"{pending.Count.ToString(CultureInfo.InvariantCulture)} review(s) waiting on your sign-off"
                    + (mine.Count > 0 ? $", {mine.Count.ToString(CultureInfo.InvariantCulture)} of your own waiting on a resubmission" : "")
                    + ":\n" + string.Join('\n', facts.Select(f => $"{f.Label}: {f.Value}"));
                var card = new Card
                {
                    Title = "Waiting on you",
                    Facts = facts,
                    Text = pending.Count > 0 ? "approve REV-n [comment], or reject REV-n <reason>" : null,
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
                var lines = timeline.Select(e => $"{e.At.UtcDateTime.ToString("yyyy-MM-dd HH:mm:ss", CultureInfo.InvariantCulture)}Z {e.Kind}: {e.Detail}");
                var undelivered = await DeliveryWarnings.AboutAsync(connection, gate.Key, cancellationToken);
                var card = cards.StatusCard(gate, time.GetUtcNow()) with { Text = "Timeline:\n" + string.Join('\n', lines) + (undelivered is null ? "" : "\n\n" + undelivered) };
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

    private async Task<ChatReply> ActAsync(
        Person caller,
        GateButtonValue target,
        string usage,
        bool viaButton,
        string doneBy,
        Func<Gate, DateTimeOffset, Outcome<GateDecision>> decide,
        Func<Gate, string, DateTimeOffset, ChatReply>? refuse,
        CancellationToken cancellationToken,
        Func<Gate, IReadOnlyList<CardButton>>? buttons = null)
    {
        var acted = await store.WriteAsync(
            async transaction =>
            {
                var now = transaction.Now;
                for (var attempt = 0; attempt < Attempts; attempt++)
                {
                    if (await GateRepository.LoadAsync(transaction, target.Number) is not { } gate) return Acted.Refused(ChatReply.Refusal($"There is no {target.Key}.", usage));
                    if (StaleRevision(gate, target) is { } stale) return Acted.Refused(ChatReply.Refusal(stale));

                    var outcome = decide(gate, now);
                    if (outcome.Value is not { } decision) return Acted.Refused(refuse?.Invoke(gate, outcome.Refusal!, now) ?? ChatReply.Refusal(outcome.Refusal!));

                    // False: someone else decided first and nothing was written; decide again on the gate as it now stands.
                    if (!await CommitAsync(transaction, gate, decision)) continue;

                    return new Acted(null, gate, decision, now);
                }

                return Acted.Refused(Busy(target.Key));
            },
            cancellationToken);
        if (acted.Reply is { } reply) return reply;

        // The reply is built from the committed decision after the commit, off the single writer: it reads nothing
        // from the database (only the gates, the policy and the roster), so it is the same as if built inside.
        var (before, committed, at) = (acted.Before!, acted.Decision!, acted.Now);
        var text = $"{before.Key}: {(committed.Events.Count > 0 ? committed.Events[0].Detail : doneBy)}. {Progress(before, committed)}";
        var card = cards.StatusCard(committed.Gate, at, $"{doneBy} by {caller.Name} {ReviewCards.When(at)}");
        if (buttons is not null) card = card with { Buttons = buttons(committed.Gate) };
        return new ChatReply(ReplyVisibility.Private, text, card) { UpdatesOriginal = viaButton };
    }

    /// <summary>What a review action's write transaction settled: a reply already (a refusal), or the decision it committed.</summary>
    private sealed record Acted(ChatReply? Reply, Gate? Before, GateDecision? Decision, DateTimeOffset Now)
    {
        public static Acted Refused(ChatReply reply) => new(reply, null, null, default);
    }

    /// <summary>
    /// Policy rule 5: an optional reviewer may approve, comment or object at any time while the gate is open, so the
    /// card that replaces theirs after a comment or objection keeps those buttons until the gate is decided.
    /// </summary>
    private IReadOnlyList<CardButton> OptionalButtonsWhileOpen(Gate gate) => gate.IsOpen ? cards.OptionalButtons(gate) : [];

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
