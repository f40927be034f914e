using Microsoft.Extensions.Logging.Abstractions;
using SecBot.Chat.Cards;
using SecBot.Chat.Conversation;
using SecBot.Chat.Delivery;
using SecBot.Domain.Reviews;
using SecBot.Domain.Tests.Policy;
using SecBot.Storage.Delivery;
using SecBot.Storage.Reviews;
using SecBot.Storage.Roster;
using SecBot.Storage.Tests.Support;

namespace SecBot.Chat.Tests.Support;

/// <summary>
/// Every card SecBot builds, built by the real chat layer (<see cref="ChatGraph"/>) over the shipped policy and a real
/// SQLite file: the replies to commands (a review of a gate type with a checklist among them, so an approve button asks
/// for attestations), every message the outbox holds, and the review cards only a timer or an optional seat produces.
/// Each platform's card convention test renders them all; this is the one walk through SecBot they share.
/// </summary>
internal sealed class EveryCard
{
    public const string Caller = "maya";

    /// <summary>The commands whose replies carry a card (a reply's <c>What</c> is the command text it answers).</summary>
    public static readonly IReadOnlyList<string> CommandsWithCards = ["declare", "status INC-1", "oncall", "cover list", "review", "status REV-1", "reviews"];

    private readonly List<(string What, Card Card)> _cards = [];
    private readonly Dictionary<string, ChatReply> _replies = new(StringComparer.Ordinal);

    private EveryCard(ChatGraph chat) => Chat = chat;

    public ChatGraph Chat { get; }

    /// <summary>Each card with what produced it: a command's text, "outbox to …", or the review card's kind.</summary>
    public IReadOnlyList<(string What, Card Card)> Cards => _cards;

    /// <summary>The messages the commands queued, in the order they were queued.</summary>
    public IReadOnlyList<OutboundMessage> Outbox { get; private set; } = [];

    /// <summary>The reply to <paramref name="text"/>, as said during the walk.</summary>
    public ChatReply Reply(string text) => _replies[text];

    /// <param name="platforms">The platforms delivery is enabled on: the outbox holds a message for each.</param>
    public static async Task<EveryCard> BuildAsync(TemporaryDatabase db, params string[] platforms)
    {
        ArgumentNullException.ThrowIfNull(db);
        var policy = ShippedConfiguration.LoadPolicy();
        await new RosterSync(db.Store, NullLogger<RosterSync>.Instance).SyncAsync(policy.Roster, CancellationToken.None);
        var every = new EveryCard(new ChatGraph(db.Store, policy, new EnabledPlatforms(platforms), db.Time));
        var chat = every.Chat;

        await every.SayAsync(Caller, "declare Suspicious login from a new country on the payments admin console, after hours and from an unmanaged device");
        await every.SayAsync(Caller, "status");
        await every.SayAsync(Caller, "status INC-1");
        await every.SayAsync(Caller, "oncall");
        var now = db.Time.GetUtcNow();
        var coverer = chat.Roster.People.First(p => chat.Roster.RolesHeldBy(p.Id, now).Count > 0).Id;
        await every.SayAsync(coverer, $"cover {chat.Roster.RolesHeldBy(coverer, now)[0]} 2026-03-02T18:00 2026-03-03T08:00");
        await every.SayAsync(Caller, "cover list");
        await every.SayAsync(Caller, "review threat-model Payments API: card tokenisation moves to the new vault cluster");
        await every.SayAsync(Caller, "status REV-1");
        await every.SayAsync(Caller, "review high-risk-deploy Payments API cut-over to the new vault cluster");

        every.Outbox = await OutboxAsync(db);
        var reviewer = every.Outbox.Select(m => m.To).First(to => to.Kind == RecipientKind.Person && to.Id != Caller).Id;
        await every.SayAsync(reviewer, "reviews");
        every._cards.AddRange(every.Outbox.Select(m => ($"outbox to {m.To.ChannelKey}", m.Card)));

        var gate = (await chat.GateRepository.LoadAsync(1, CancellationToken.None))!;
        var type = policy.Reviews.GateTypes.Single(t => t.Id == gate.Type);
        var seats = type.Stages[0].Required;
        every._cards.Add(("reminder", chat.ReviewCards.ReminderCard(new ReviewReminderNotice(gate, reviewer, seats, 1, TimeSpan.FromHours(26)), now)));
        every._cards.Add(("optional", chat.ReviewCards.OptionalCard(gate, [.. type.Stages.SelectMany(s => s.Optional).DefaultIfEmpty(seats[0])], now)));
        every._cards.Add(("note", chat.ReviewCards.NoteCard(gate, GateEventKinds.ManagerNotified, "Nobody has signed for 2 days; the team manager is told.")));
        return every;
    }

    /// <summary><paramref name="personId"/> says <paramref name="text"/> in a 1:1 chat; the reply must not be a refusal, and its card joins <see cref="Cards"/>.</summary>
    public async Task<ChatReply> SayAsync(string personId, string text)
    {
        var person = Chat.Roster.PersonById(personId)!;
        var reply = await Chat.Router.HandleAsync(
            new ChatRequest(new ChatIdentity("slack", person.SlackUserId!), ChatPlace.Direct("D0DIRECT"), new TextInput(text)), CancellationToken.None);
        Assert.False(reply.IsRefusal, $"{text}: {reply.Text}");
        if (reply.Card is { } card) _cards.Add((text, card));
        _replies[text] = reply;
        return reply;
    }

    private static async Task<List<OutboundMessage>> OutboxAsync(TemporaryDatabase db)
    {
        var rows = await db.Store.ReadAsync(connection => new OutboxRepository(db.Store).ListAllAsync(connection, null, CancellationToken.None), CancellationToken.None);
        return [.. rows.Select(row => OutboxWriter.Read(row.Message.Payload))];
    }

    private sealed class EnabledPlatforms(IReadOnlyList<string> enabled) : IDeliveryPlatforms
    {
        public IReadOnlyList<string> Enabled { get; } = enabled;
    }
}
