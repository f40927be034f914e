using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Time.Testing;
using SecBot.Chat.Cards;
using SecBot.Chat.Conversation;
using SecBot.Chat.Delivery;
using SecBot.Chat.Reviews;
using SecBot.Chat.Tests.Support;
using SecBot.Domain.Policy;
using SecBot.Domain.Reviews;
using SecBot.Storage;
using SecBot.Storage.Reviews;
using SecBot.Storage.Roster;
using SecBot.Storage.Tests.Support;
using SecBot.Storage.Timers;
using RosterModel = SecBot.Domain.Roster.Roster;

namespace SecBot.Chat.Tests.Reviews;

/// <summary>
/// The chat layer with review gates, composed as ChatRegistration composes it, over a real migrated SQLite file
/// with the shipped policy's roster synced in and a fake clock (Monday 2026-03-02 09:00 UTC). On that day Amara is
/// the Security Architect, Hannah the Senior Red Team Engineer, Leo the Red Team Engineer, Maya the Senior SOC
/// Engineer, Sam the SOC Engineer, Priya the IR Lead, Kenji the Security Tool Engineer, Olivia the SecOps manager,
/// Raj the SecEng manager, and Diego (Cloud Security) sits on no review seat. It reads and writes only through
/// <see cref="IStore"/> and the storage repositories (<see cref="StoreReads"/>, no SQL), so another provider's store can be passed in.
/// </summary>
internal sealed class ReviewHarness
{
    public const string Platform = "slack";

    private readonly Dictionary<string, ITimerHandler> _timerHandlers;
    private readonly DueTimers _dueTimers;

    private ReviewHarness(TemporaryDatabase database, IStore store, PolicyOptions policy)
    {
        Database = database;
        Store = store;
        var graph = new ChatGraph(store, policy, new OnePlatform(), database.Time);
        Roster = graph.Roster;
        Cards = graph.ReviewCards;
        Reviews = graph.Reviews;
        Router = graph.Router;
        _timerHandlers = graph.TimerHandlers.ToDictionary(h => h.Kind, StringComparer.Ordinal);
        GateRepository = graph.GateRepository;
        _dueTimers = graph.DueTimers;
    }

    public TemporaryDatabase Database { get; }

    public FakeTimeProvider Time => Database.Time;

    public IStore Store { get; }

    public RosterModel Roster { get; }

    public ReviewCards Cards { get; }

    public ReviewCommands Reviews { get; }

    public ChatRouter Router { get; }

    public GateRepository GateRepository { get; }

    public static async Task<ReviewHarness> StartAsync(TemporaryDatabase database, IStore? store = null)
    {
        ArgumentNullException.ThrowIfNull(database);
        var policy = ChatHarness.ShippedPolicy();
        store ??= database.Store;
        await new RosterSync(store, NullLogger<RosterSync>.Instance).SyncAsync(policy.Roster, CancellationToken.None);
        return new ReviewHarness(database, store, policy);
    }

    public Task<ChatReply> SayAsync(string personId, string text) =>
        Router.HandleAsync(new ChatRequest(ChatHarness.SlackIdentityOf(Roster, personId), ChatPlace.Direct("D0DIRECT"), new TextInput(text)), CancellationToken.None);

    public Task<ChatReply> PressAsync(string personId, string actionId, string value, params (string Id, string Value)[] inputs) =>
        Router.HandleAsync(
            new ChatRequest(ChatHarness.SlackIdentityOf(Roster, personId), ChatPlace.Direct("D0DIRECT"), new ButtonInput(actionId, value, inputs.ToDictionary(i => i.Id, i => i.Value))),
            CancellationToken.None);

    /// <summary>A press whose answer the "adapter" queues through <paramref name="writeReply"/>, inside the command's transaction.</summary>
    public Task<ChatReply> PressWritingReplyAsync(string personId, string actionId, string value, ReplyWriter writeReply, params (string Id, string Value)[] inputs) =>
        Router.HandleAsync(
            new ChatRequest(ChatHarness.SlackIdentityOf(Roster, personId), ChatPlace.Direct("D0DIRECT"), new ButtonInput(actionId, value, inputs.ToDictionary(i => i.Id, i => i.Value)))
            {
                WriteReply = writeReply,
            },
            CancellationToken.None);

    /// <summary>Asks, before a button's form would open, whether the person may press it (null: yes).</summary>
    public Task<ChatReply?> CheckAsync(string personId, string actionId, string value) =>
        Router.CheckAsync(
            new ChatRequest(ChatHarness.SlackIdentityOf(Roster, personId), ChatPlace.Direct("D0DIRECT"), new ButtonInput(actionId, value, new Dictionary<string, string>())),
            CancellationToken.None);

    /// <summary>Says something that must succeed.</summary>
    public async Task<ChatReply> DoAsync(string personId, string text)
    {
        var reply = await SayAsync(personId, text);
        Assert.False(reply.IsRefusal, reply.Text);
        return reply;
    }

    /// <summary>Presses a button that must succeed.</summary>
    public async Task<ChatReply> PressOkAsync(string personId, string actionId, string value, params (string Id, string Value)[] inputs)
    {
        var reply = await PressAsync(personId, actionId, value, inputs);
        Assert.False(reply.IsRefusal, reply.Text);
        return reply;
    }

    public async Task<Gate> GateAsync(long number) =>
        await GateRepository.LoadAsync(number, CancellationToken.None)
        ?? throw new InvalidOperationException($"REV-{number} is not stored");

    /// <summary>Every outbox message (a card to someone), oldest first; refreshes of cards already sent are <see cref="RefreshesAsync"/>.</summary>
    public async Task<IReadOnlyList<Queued>> OutboxAsync() =>
        [.. (await Store.OutboxEntriesAsync()).Where(m => m.Kind == OutboxWriter.MessageKind).Select(m => new Queued(m.Id, m.ChannelKey, OutboxWriter.Read(m.Payload)))];

    /// <summary>Every queued refresh of the cards already sent about a gate, oldest first.</summary>
    public async Task<IReadOnlyList<CardRefresh>> RefreshesAsync() =>
        [.. (await Store.OutboxEntriesAsync()).Where(m => m.Kind == OutboxWriter.RefreshKind).Select(m => OutboxWriter.ReadRefresh(m.Payload))];

    public async Task<IReadOnlyList<Queued>> OutboxAfterAsync(long afterId) => [.. (await OutboxAsync()).Where(m => m.Id > afterId)];

    public Task<long> LastOutboxIdAsync() => Store.LastOutboxIdAsync();

    /// <summary>Rows of the tables a review decision writes: "changes nothing" means these stay equal.</summary>
    public async Task<(long Gates, long Ledger, long Events, long Outbox, long Timers)> CountsAsync()
    {
        var gates = await Store.GatesAsync();
        long events = 0;
        foreach (var gate in gates) events += (await Store.GateTimelineAsync(gate.Number)).Count;
        return (gates.Count, (await Store.LedgerAsync()).Count, events, (await Store.OutboxEntriesAsync()).Count, (await Store.TimersAsync()).Count);
    }

    /// <summary>One tick of the clock, as TimerClock does it: each due timer fired and marked in one transaction with its effects.</summary>
    public async Task<int> FireDueTimersAsync()
    {
        var fired = 0;
        while (await _dueTimers.FireNextAsync(
                   (transaction, timer) => _timerHandlers[timer.Kind].FireAsync(transaction, timer),
                   CancellationToken.None))
        {
            fired++;
        }

        return fired;
    }

    /// <summary>The checklist of high-risk-deploy as Slack sends ticked checkboxes: one value per line.</summary>
    public static (string, string) FullChecklist => (ActionIds.Inputs.Checklist, "Security controls\nMonitoring coverage\nIncident response");

    private sealed class OnePlatform : IDeliveryPlatforms
    {
        public IReadOnlyList<string> Enabled { get; } = [Platform];
    }
}

/// <summary>An outbox row read back.</summary>
internal sealed record Queued(long Id, string ChannelKey, OutboundMessage Message)
{
    public bool IsDirectTo(string personId) => ChannelKey == $"person:{personId}";

    public bool IsChannel => ChannelKey == Recipient.IncidentsChannel.ChannelKey;

    public string Text => Message.Card.ToPlainText();
}
