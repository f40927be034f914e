using SecBot.Chat.Cards;
using SecBot.Chat.Conversation;
using SecBot.Chat.Delivery;
using SecBot.Chat.Reviews;
using SecBot.Domain;
using SecBot.Domain.Incidents;
using SecBot.Domain.Roster;
using SecBot.Storage;
using SecBot.Storage.Incidents;
using SecBot.Storage.Roster;
using SecBot.Storage.Timers;
using RosterModel = SecBot.Domain.Roster.Roster;

namespace SecBot.Chat.Incidents;

/// <summary>
/// Runs incident commands and buttons: loads the incident in a write transaction, asks the engine,
/// and commits its decision with the timeline, the outbox messages and the timers, all at once.
/// </summary>
public sealed class IncidentCommands(
    IStore store,
    IncidentRepository incidents,
    IncidentChannelRepository incidentChannels,
    OverrideRepository overrides,
    SubjectTimeline subjectTimeline,
    DeliveryWarnings deliveryWarnings,
    EscalationEngine engine,
    RosterModel roster,
    IncidentCards cards,
    OutboxWriter outbox,
    TimeProvider time,
    ReviewCommands reviews,
    DeclareLimit declareLimit,
    PageStorm pageStorm)
{
    public async Task<ChatReply> DeclareAsync(Person caller, string title, string? level, string? type, ChatPlace place, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(caller);
        ArgumentNullException.ThrowIfNull(place);
        // Asked before the transaction, so a flood of declares costs no write and pages nobody.
        if (declareLimit.TryTake(caller) is { } overLimit) return ChatReply.Refusal(overLimit);
        ChatReply reply;
        try
        {
            reply = await DeclareInStoreAsync(caller, title, level, type, place, cancellationToken);
        }
        catch
        {
            declareLimit.GiveBack(caller);
            throw;
        }

        // Refused (a typo, the engine said no): nothing was declared, so it does not count against the caller's limit.
        if (!reply.Committed) declareLimit.GiveBack(caller);
        return reply;
    }

    private Task<ChatReply> DeclareInStoreAsync(Person caller, string title, string? level, string? type, ChatPlace place, CancellationToken cancellationToken) =>
        store.WriteAsync(
            async transaction =>
            {
                var request = new DeclareIncident(title, level, type, caller.Id, OriginOf(place));
                var outcome = await DeclareAsync(transaction, (number, onCall, now) => engine.Declare(request, number, onCall, now));
                if (outcome.Value is not { } decision) return ChatReply.Refusal(outcome.Refusal!);

                var declared = decision.Incident;
                return ChatReply.Public($"{declared.Key} declared at {declared.Level}.", cards.StatusCard(declared, $"Declared by {caller.Name}")) with { Committed = true };
            },
            cancellationToken);

    /// <summary>
    /// Declares in the caller's transaction: the next number and who is on call are given to <paramref name="decide"/>
    /// (an engine declare), and its decision is committed with its pages, announcement and timers. The one declare path,
    /// for a person in chat and for an alert.
    /// </summary>
    public async Task<Outcome<IncidentDecision>> DeclareAsync(StoreTransaction transaction, Func<long, OnCallResolver, DateTimeOffset, Outcome<IncidentDecision>> decide)
    {
        ArgumentNullException.ThrowIfNull(transaction);
        ArgumentNullException.ThrowIfNull(decide);
        var number = await incidents.NextNumberAsync(transaction);
        var outcome = decide(number, await OnCallAsync(transaction), transaction.Now);
        if (outcome.Value is { } decision) await CommitAsync(transaction, null, decision);
        return outcome;
    }

    /// <summary>
    /// Acts on an incident in the caller's transaction (an alert source's acknowledge or resolve): loads it, asks
    /// <paramref name="decide"/>, commits the decision and brings every copy of its cards up to date, as a button press
    /// does. Null when there is no such incident.
    /// </summary>
    public async Task<Outcome<IncidentDecision>?> ActAsync(
        StoreTransaction transaction, long number, Func<Incident, OnCallResolver, DateTimeOffset, Outcome<IncidentDecision>> decide, string doneBy)
    {
        ArgumentNullException.ThrowIfNull(transaction);
        ArgumentNullException.ThrowIfNull(decide);
        if (await incidents.LoadAsync(transaction, number) is not { } incident) return null;
        var outcome = decide(incident, await OnCallAsync(transaction), transaction.Now);
        if (outcome.Value is not { } decision) return outcome;
        await CommitWithCardsAsync(transaction, incident, decision, doneBy, pressed: null);
        return outcome;
    }

    public Task<ChatReply> AcknowledgeAsync(
        Person caller, long? number, ChatPlace place, CancellationToken cancellationToken, ReplyWriter? writeReply = null, MessageRef? pressed = null) =>
        ActAsync(number, place, Acknowledging(caller), writeReply, pressed, cancellationToken);

    /// <summary><paramref name="fromLevel"/>: the level a button was sent at; a press once the incident has moved on is stale.</summary>
    public Task<ChatReply> EscalateAsync(
        Person caller, long? number, string? reason, ChatPlace place, CancellationToken cancellationToken, string? fromLevel = null, ReplyWriter? writeReply = null, MessageRef? pressed = null) =>
        ActAsync(number, place, Escalating(caller, reason, fromLevel), writeReply, pressed, cancellationToken);

    public Task<ChatReply> ResolveAsync(
        Person caller, long? number, string? summary, ChatPlace place, CancellationToken cancellationToken, ReplyWriter? writeReply = null, MessageRef? pressed = null) =>
        ActAsync(number, place, Resolving(caller, summary), writeReply, pressed, cancellationToken);

    /// <summary>
    /// Whether the caller may press an incident button, asked before its form opens: the same engine decision the press
    /// would make, on the incident as it stands, read without writing, with what the form asks for taken as given.
    /// Null: go ahead.
    /// </summary>
    public Task<ChatReply?> CheckAsync(Person caller, string actionId, long number, string? fromLevel, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(caller);
        var action = actionId switch
        {
            ActionIds.Acknowledge => Acknowledging(caller),
            ActionIds.Escalate => Escalating(caller, AssumedText, fromLevel),
            ActionIds.Resolve => Resolving(caller, AssumedText),
            _ => null,
        };
        if (action is null) return Task.FromResult<ChatReply?>(ChatReply.Refusal("That button is not one SecBot knows; nothing was changed."));

        return store.ReadAsync(
            async connection =>
            {
                if (await incidents.LoadAsync(connection, null, number, cancellationToken) is not { } incident)
                {
                    return ChatReply.Refusal($"There is no {IncidentKey.Format(number)}.", action.Usage);
                }

                var onCall = new OnCallResolver(roster, await overrides.ListInForceAsync(connection, time.GetUtcNow(), cancellationToken));
                var outcome = action.Decide(incident, onCall, time.GetUtcNow());
                return outcome.IsRefused ? ChatReply.Refusal(outcome.Refusal!) : null;
            },
            cancellationToken);
    }

    /// <summary>Stands in for what a form will ask for (a summary, a reason) when only the right to act is checked.</summary>
    private const string AssumedText = "(asked in the form)";

    private IncidentAction Acknowledging(Person caller) =>
        new("ack INC-n", (incident, _, now) => engine.Acknowledge(incident, caller.Id, now), $"Acknowledged by {caller.Name}");

    private IncidentAction Escalating(Person caller, string? reason, string? fromLevel) =>
        new("escalate INC-n [reason]", (incident, onCall, now) => engine.Escalate(incident, caller.Id, reason, onCall, now, fromLevel), $"Escalated by {caller.Name}");

    private IncidentAction Resolving(Person caller, string? summary) =>
        new("resolve INC-n [summary]", (incident, _, now) => engine.Resolve(incident, caller.Id, summary, now), $"Resolved by {caller.Name}");

    /// <summary>One incident action: acting and checking (before a form opens) share it, so the two can never disagree.</summary>
    private sealed record IncidentAction(string Usage, Func<Incident, OnCallResolver, DateTimeOffset, Outcome<IncidentDecision>> Decide, string DoneBy);

    /// <summary>An ack deadline came due: the engine decides, and the timer is marked fired in the same transaction.</summary>
    public async Task FireAckTimeoutAsync(StoreTransaction transaction, EscalationTimer timer)
    {
        ArgumentNullException.ThrowIfNull(transaction);
        ArgumentNullException.ThrowIfNull(timer);
        if (await incidents.LoadAsync(transaction, timer.IncidentNumber) is not { } incident) return;
        var decision = engine.OnAckTimeout(incident, timer, await OnCallAsync(transaction), transaction.Now);
        if (decision is null) return;
        var queuedBefore = await OutboxWriter.LastRowAsync(transaction);
        await CommitAsync(transaction, incident, decision);
        if (decision.Incident.Level != incident.Level)
        {
            // Earlier pages' Escalate buttons name the old level: their cards follow the incident to the new one.
            await outbox.EnqueueRefreshAsync(transaction, incident.Key, cards.StatusCard(decision.Incident, decision.Events.Count > 0 ? decision.Events[0].Detail : null), queuedBefore);
        }
    }

    public Task<ChatReply> StatusAsync(long? number, ChatPlace place, CancellationToken cancellationToken) =>
        store.ReadAsync(
            async connection =>
            {
                if (number is null && await FindByPlaceAsync(connection, null, place, cancellationToken) is { } here) number = here;
                if (number is null)
                {
                    var open = await incidents.ListOpenAsync(connection, cancellationToken);
                    var list = cards.OpenList(open, time.GetUtcNow());
                    return ChatReply.Private(string.Join('\n', [list, .. await deliveryWarnings.SummaryAsync(connection, roster.PersonName, cancellationToken)]));
                }

                if (await incidents.LoadAsync(connection, null, number.Value, cancellationToken) is not { } incident)
                {
                    return ChatReply.Refusal($"There is no {IncidentKey.Format(number.Value)}.", "status [INC-n|REV-n]");
                }

                var timeline = await incidents.TimelineAsync(connection, incident.Number, cancellationToken);
                var undelivered = await deliveryWarnings.AboutAsync(connection, incident.Key, roster.PersonName, cancellationToken);
                var card = cards.StatusCard(incident) with { Text = TimelineText.Of(timeline.Select(e => (e.At, e.Detail))) + (undelivered is null ? "" : "\n\n" + undelivered) };
                return ChatReply.Private($"{incident.Key} is {incident.State.ToString().ToLowerInvariant()} at {incident.Level}.", card);
            },
            cancellationToken);

    private Task<ChatReply> ActAsync(long? number, ChatPlace place, IncidentAction action, ReplyWriter? writeReply, MessageRef? pressed, CancellationToken cancellationToken) =>
        store.WriteAsync(
            async transaction =>
            {
                var target = number ?? await FindByPlaceAsync(transaction.Statements, transaction.Transaction, place, cancellationToken);
                if (target is null) return ChatReply.Refusal("Which incident? Only in an incident's own channel or thread can the id be left out; elsewhere name it, e.g. INC-12.", action.Usage);
                if (await incidents.LoadAsync(transaction, target.Value) is not { } incident)
                {
                    return ChatReply.Refusal($"There is no {IncidentKey.Format(target.Value)}.", action.Usage);
                }

                var outcome = action.Decide(incident, await OnCallAsync(transaction), transaction.Now);
                if (outcome.Value is not { } decision) return ChatReply.Refusal(outcome.Refusal!);

                var (review, card) = await CommitWithCardsAsync(transaction, incident, decision, action.DoneBy, writeReply is null ? null : pressed);
                var summary = decision.Events.Count > 0 ? decision.Events[0].Detail : "";
                var text = review is null ? $"{incident.Key}: {summary}" : $"{incident.Key}: {summary}\n{review}";
                var reply = new ChatReply(ReplyVisibility.Public, text, card) { UpdatesOriginal = true, Committed = true };
                if (writeReply is null) return reply;

                // The answer (the button's message updated in place) is queued with the change: both or neither.
                await writeReply(transaction, reply);
                return reply with { IsQueued = true };
            },
            cancellationToken);

    /// <summary>Commits an action's decision and refreshes every copy of the incident's cards; returns the review it opened and the card.</summary>
    private async Task<(string? Review, Card Card)> CommitWithCardsAsync(StoreTransaction transaction, Incident incident, IncidentDecision decision, string doneBy, MessageRef? pressed)
    {
        var queuedBefore = await OutboxWriter.LastRowAsync(transaction);
        var review = await CommitAsync(transaction, incident, decision);
        // The card replaces the pressed message, so a review the resolve opened is named on it, not only in the fallback text.
        var card = cards.StatusCard(decision.Incident, doneBy) with { Text = review };
        // Every copy of the incident's cards, on every platform, shows what the pressed one shows.
        await outbox.EnqueueRefreshAsync(transaction, incident.Key, card, queuedBefore, pressed);
        return (review, card);
    }

    /// <summary>Saves the decision with its messages; returns what a resolve opened for review, if anything.</summary>
    private async Task<string?> CommitAsync(StoreTransaction transaction, Incident? before, IncidentDecision decision)
    {
        await incidents.SaveAsync(transaction, before, decision);
        var unreached = decision.Notices.OfType<PageNotice>()
            .SelectMany(page => outbox.Unreached(page.Page.PersonId).Select(u => (page.Page.PersonId, u.Platform, u.Why)))
            .Distinct()
            .ToList();
        foreach (var notice in await pageStorm.RouteAsync(transaction, before, decision))
        {
            await outbox.EnqueueAsync(transaction, notice is ChannelNotice channel ? cards.Render(channel, unreached) : cards.Render(notice));
        }

        foreach (var (person, platform, why) in unreached)
        {
            await subjectTimeline.AppendAsync(transaction, decision.Incident.Key, SubjectTimeline.Unreachable, $"{roster.PersonName(person)} could not be paged on {PlatformNames.Of(platform)}: {why}");
        }

        // A resolve may be due a review (OnResolveGate: customer → postmortem, aws → runbook update), opened in the same transaction.
        return before is { IsOpen: true } && !decision.Incident.IsOpen
            ? await reviews.OpenForResolvedIncidentAsync(transaction, decision.Incident)
            : null;
    }

    private async Task<OnCallResolver> OnCallAsync(StoreTransaction transaction) =>
        new(roster, await overrides.ListInForceAsync(transaction));

    /// <summary>
    /// The incident a command without an id means here: the one whose own channel this is on the place's platform
    /// (e.g. SecBot:Slack:PerIncidentChannels),
    /// whatever its state, else the newest open one declared in this channel or thread.
    /// </summary>
    private async Task<long?> FindByPlaceAsync(System.Data.IDbConnection connection, System.Data.IDbTransaction? transaction, ChatPlace place, CancellationToken cancellationToken)
    {
        if (OriginOf(place) is not { } origin) return null;
        var ownChannel = place.Platform is null
            ? null
            : await incidentChannels.FindIncidentAsync(connection, transaction, place.Platform, place.ChannelId!, cancellationToken);
        return ownChannel
            ?? await incidents.FindOpenByOriginAsync(connection, transaction, origin, cancellationToken);
    }

    /// <summary>An incident declared in a thread or a non-direct channel belongs there: commands in it may omit the id.</summary>
    private static string? OriginOf(ChatPlace place) =>
        place.IsDirect || place.ChannelId is null ? null : place.ThreadId is null ? place.ChannelId : $"{place.ChannelId}/{place.ThreadId}";
}
