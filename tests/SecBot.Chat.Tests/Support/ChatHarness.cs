using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Time.Testing;
using SecBot.Chat.Conversation;
using SecBot.Chat.Delivery;
using SecBot.Chat.Incidents;
using SecBot.Domain.Incidents;
using SecBot.Domain.Policy;
using SecBot.Domain.Tests.Policy;
using SecBot.Storage;
using SecBot.Storage.Incidents;
using SecBot.Storage.Roster;
using SecBot.Storage.Tests.Support;
using SecBot.Storage.Timers;
using RosterModel = SecBot.Domain.Roster.Roster;

namespace SecBot.Chat.Tests.Support;

/// <summary>
/// The chat layer as ChatRegistration wires it (<see cref="ChatGraph"/>), driven for incidents and on-call (review gates: see ReviewHarness),
/// over a real migrated SQLite file with the roster of the shipped appsettings.json synced into it, and a fake clock. Several harnesses on one
/// <see cref="TemporaryDatabase"/> behave like several processes on one file: each has its own store.
/// It reads and writes only through <see cref="IStore"/> and the storage repositories (<see cref="StoreReads"/>, no SQL), so another provider's store can be passed in.
/// </summary>
internal sealed class ChatHarness
{
    /// <summary>The one delivery platform by default, so every message is one outbox row.</summary>
    public const string Platform = "slack";

    private ChatHarness(
        TemporaryDatabase database, IStore store, PolicyOptions policy, IReadOnlyList<string> platforms, IEnumerable<IPlatformReach>? reach, Limits? limits)
    {
        Database = database;
        Store = store;
        Policy = policy;
        var graph = new ChatGraph(store, policy, new FixedPlatforms([.. platforms]), database.Time, reach, limits?.Declares, limits?.PageStorm);
        Roster = graph.Roster;
        Incidents = graph.Incidents;
        Router = graph.Router;
        TimerFailures = graph.TimerFailures;
        SubjectTimeline = graph.SubjectTimeline;
        _dueTimers = graph.DueTimers;
        TimerHandler = new IncidentTimerHandler(Incidents);
        _timerHandlers = graph.TimerHandlers.ToDictionary(h => h.Kind, StringComparer.Ordinal);
        Graph = graph;
    }

    /// <summary>Declare and page limits other than the shipped ones.</summary>
    public sealed record Limits(DeclareLimitOptions? Declares = null, PageStormOptions? PageStorm = null);

    public ChatGraph Graph { get; }

    public TemporaryDatabase Database { get; }

    public FakeTimeProvider Time => Database.Time;

    public IStore Store { get; }

    public PolicyOptions Policy { get; }

    public RosterModel Roster { get; }

    public IncidentCommands Incidents { get; }

    public ChatRouter Router { get; }

    public TimerFailures TimerFailures { get; }

    public SubjectTimeline SubjectTimeline { get; }

    public IncidentTimerHandler TimerHandler { get; }

    private readonly DueTimers _dueTimers;
    private readonly Dictionary<string, ITimerHandler> _timerHandlers;

    /// <summary>The shipped policy (appsettings.json), bound as the host binds it; <paramref name="edit"/> may change a copy.</summary>
    public static PolicyOptions ShippedPolicy(Action<PolicyOptions>? edit = null)
    {
        var policy = ShippedConfiguration.LoadPolicy();
        edit?.Invoke(policy);
        var problems = PolicyValidator.Validate(policy);
        Assert.True(problems.Count == 0, "the test policy is valid: " + string.Join("; ", problems));
        return policy;
    }

    /// <summary>A fresh migrated database with the chat layer on its first store.</summary>
    /// <param name="platforms">The enabled delivery platforms; by default only <see cref="Platform"/>.</param>
    /// <param name="reach">Which of them can reach whom; by default each reaches everyone.</param>
    public static async Task<ChatHarness> StartAsync(
        TemporaryDatabase database,
        IStore? store = null,
        PolicyOptions? policy = null,
        IReadOnlyList<string>? platforms = null,
        IEnumerable<IPlatformReach>? reach = null,
        Limits? limits = null)
    {
        ArgumentNullException.ThrowIfNull(database);
        policy ??= ShippedPolicy();
        store ??= database.Store;
        await new RosterSync(store, NullLogger<RosterSync>.Instance).SyncAsync(policy.Roster, CancellationToken.None);
        return new ChatHarness(database, store, policy, platforms ?? [Platform], reach, limits);
    }

    public static ChatIdentity SlackIdentityOf(RosterModel roster, string personId) =>
        new("slack", roster.PersonById(personId)?.SlackUserId ?? throw new ArgumentException($"{personId} is not on the roster", nameof(personId)));

    public Task<ChatReply> SayAsync(string personId, string text, ChatPlace? place = null) =>
        Router.HandleAsync(new ChatRequest(SlackIdentityOf(Roster, personId), place ?? ChatPlace.Direct("D0DIRECT"), new TextInput(text)), CancellationToken.None);

    public Task<ChatReply> PressAsync(string personId, string actionId, string value, params (string Id, string Value)[] inputs) =>
        Router.HandleAsync(
            new ChatRequest(SlackIdentityOf(Roster, personId), ChatPlace.Direct("D0DIRECT"), new ButtonInput(actionId, value, inputs.ToDictionary(i => i.Id, i => i.Value))),
            CancellationToken.None);

    /// <summary>
    /// A press on a delivered message, as an adapter makes it: the platform says which message (<paramref name="pressed"/>)
    /// and <paramref name="writeReply"/> queues the press's answer in the command's own transaction.
    /// </summary>
    public Task<ChatReply> PressOnAsync(MessageRef pressed, ReplyWriter writeReply, string personId, string actionId, string value, params (string Id, string Value)[] inputs) =>
        Router.HandleAsync(
            new ChatRequest(SlackIdentityOf(Roster, personId), ChatPlace.Direct(pressed.ConversationId), new ButtonInput(actionId, value, inputs.ToDictionary(i => i.Id, i => i.Value)) { Pressed = pressed })
            {
                WriteReply = writeReply,
            },
            CancellationToken.None);

    /// <summary>Declares and returns the incident number, failing the test if the declaration was refused.</summary>
    public async Task<long> DeclareAsync(string personId, string arguments, ChatPlace? place = null)
    {
        var reply = await SayAsync(personId, "declare " + arguments, place);
        Assert.False(reply.IsRefusal, reply.Text);
        return (await Store.IncidentsAsync()).Max(i => i.Number);
    }

    /// <summary>One tick of the clock, as TimerClock does it: each due timer fired and marked in one transaction with its effects.</summary>
    public async Task<int> FireDueTimersAsync()
    {
        var fired = 0;
        while (await _dueTimers.FireNextAsync(
                   async (transaction, timer) =>
                   {
                       Assert.True(_timerHandlers.TryGetValue(timer.Kind, out var handler), $"a handler for {timer.Kind}");
                       await handler.FireAsync(transaction, timer);
                   },
                   CancellationToken.None))
        {
            fired++;
        }

        return fired;
    }

    public async Task<TableCounts> CountsAsync()
    {
        var incidents = await Store.IncidentsAsync();
        long events = 0;
        foreach (var incident in incidents) events += (await Store.IncidentTimelineAsync(incident.Number)).Count;
        return new TableCounts(
            incidents.Count,
            incidents.Sum(i => i.Pages.Count),
            (await Store.OutboxEntriesAsync()).Count,
            events,
            (await Store.TimersAsync()).Count,
            (await Store.OverridesAsync()).Count);
    }

    public Task<Incident> IncidentAsync(long number) => Store.IncidentAsync(number);

    /// <summary>The first person paged on the incident, as its stored pages say (never assumed from the roster): who is asked to acknowledge.</summary>
    public async Task<string> FirstPagedAsync(long number) => (await IncidentAsync(number)).Pages[0].PersonId;

    /// <summary>A roster person's display name.</summary>
    public string NameOf(string personId) => Roster.PersonById(personId)?.Name ?? throw new ArgumentException($"{personId} is not on the roster", nameof(personId));

    /// <summary>
    /// Someone on the roster who was never paged on the incident and holds none of the roles that may acknowledge it anyway:
    /// a follower, who may look and escalate but not stop or close it.
    /// </summary>
    public async Task<string> FollowerOfAsync(long number)
    {
        var incident = await IncidentAsync(number);
        var mayAcknowledge = Policy.Escalation.MayAcknowledge;
        return Roster.People
            .Where(p => !incident.PeopleOnIncident.Contains(p.Id, StringComparer.OrdinalIgnoreCase))
            .First(p => !Roster.RolesHeldBy(p.Id, Time.GetUtcNow()).Intersect(mayAcknowledge, StringComparer.OrdinalIgnoreCase).Any()
                && Roster.RolesHeldBy(p.Id, Time.GetUtcNow()).Count > 0)
            .Id;
    }

    /// <summary>The timeline as stored, in the order it was written.</summary>
    public Task<IReadOnlyList<IncidentEvent>> TimelineAsync(long number) => Store.IncidentTimelineAsync(number);

    public async Task<IReadOnlyList<string>> TimelineKindsAsync(long number) =>
        [.. (await TimelineAsync(number)).Select(e => e.Kind)];

    /// <summary>Every outbox message (a card to someone), oldest first, read back; refreshes of sent cards are <see cref="RefreshesAsync"/>.</summary>
    public async Task<IReadOnlyList<QueuedMessage>> OutboxAsync() =>
        [.. (await Store.OutboxEntriesAsync())
            .Where(m => m.Kind == OutboxWriter.MessageKind)
            .Select(m => new QueuedMessage(m.Id, m.Platform, m.ChannelKey, OutboxWriter.Read(m.Payload)))];

    /// <summary>Every queued refresh of the cards already sent about a subject, oldest first.</summary>
    public async Task<IReadOnlyList<CardRefresh>> RefreshesAsync() =>
        [.. (await Store.OutboxEntriesAsync()).Where(m => m.Kind == OutboxWriter.RefreshKind).Select(m => OutboxWriter.ReadRefresh(m.Payload))];

    /// <summary>Outbox rows added after <paramref name="afterId"/>.</summary>
    public async Task<IReadOnlyList<QueuedMessage>> OutboxAfterAsync(long afterId) =>
        [.. (await OutboxAsync()).Where(m => m.Id > afterId)];

    public Task<long> LastOutboxIdAsync() => Store.LastOutboxIdAsync();

    public async Task<long> PendingTimersAsync() => (await Store.TimersAsync()).Count(t => t.FiredAt is null);

    private sealed class FixedPlatforms(params string[] platforms) : IDeliveryPlatforms
    {
        public IReadOnlyList<string> Enabled { get; } = platforms;
    }
}

/// <summary>Row counts of the tables a chat command may change: "changes nothing" means these stay equal.</summary>
internal sealed record TableCounts(long Incidents, long Pages, long Outbox, long IncidentEvents, long Timers, long Overrides);

internal sealed record QueuedMessage(long Id, string Platform, string ChannelKey, OutboundMessage Message)
{
    public bool IsPageTo(string personId) => ChannelKey == $"person:{personId}";

    public bool IsChannel => ChannelKey == Recipient.IncidentsChannel.ChannelKey;
}
