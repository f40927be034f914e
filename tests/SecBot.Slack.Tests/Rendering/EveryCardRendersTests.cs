using System.Text.Json;
using Dapper;
using Microsoft.Extensions.Logging.Abstractions;
using SecBot.Chat.Cards;
using SecBot.Chat.Conversation;
using SecBot.Chat.Delivery;
using SecBot.Chat.Tests.Support;
using SecBot.Domain.Reviews;
using SecBot.Domain.Tests.Policy;
using SecBot.Slack.Rendering;
using SecBot.Storage.Reviews;
using SecBot.Storage.Roster;
using SecBot.Storage.Tests.Support;

namespace SecBot.Slack.Tests.Rendering;

/// <summary>
/// Every card SecBot builds, built by the real chat layer (<see cref="ChatGraph"/>) over the shipped policy and a real
/// SQLite file, renders to Block Kit that Slack would accept (<see cref="BlockKitLimitCheck"/>): the replies to commands,
/// every message the outbox holds, the review cards only a timer or an optional seat produces, and the Home tab.
/// </summary>
public sealed class EveryCardRendersTests
{
    private const string Caller = "maya";

    [Fact]
    public async Task Every_card_SecBot_builds_renders_within_Slacks_limits()
    {
        await using var db = await TemporaryDatabase.MigratedAsync();
        var policy = ShippedConfiguration.LoadPolicy();
        await new RosterSync(db.Store, NullLogger<RosterSync>.Instance).SyncAsync(policy.Roster, CancellationToken.None);
        var chat = new ChatGraph(db.Store, policy, new SlackOnly(), db.Time);
        var cards = new List<(string What, Card Card)>();

        async Task<ChatReply> Say(string personId, string text)
        {
            var person = chat.Roster.PersonById(personId)!;
            var reply = await chat.Router.HandleAsync(
                new ChatRequest(new ChatIdentity("slack", person.SlackUserId!), ChatPlace.Direct("D0DIRECT"), new TextInput(text)), CancellationToken.None);
            Assert.False(reply.IsRefusal, $"{text}: {reply.Text}");
            if (reply.Card is { } card) cards.Add((text, card));
            return reply;
        }

        await Say(Caller, "declare Suspicious login from a new country on the payments admin console, after hours and from an unmanaged device");
        var status = await Say(Caller, "status");
        await Say(Caller, "status INC-1");
        await Say(Caller, "oncall");
        var now = db.Time.GetUtcNow();
        var coverer = chat.Roster.People.First(p => chat.Roster.RolesHeldBy(p.Id, now).Count > 0).Id;
        var cover = $"cover {chat.Roster.RolesHeldBy(coverer, now)[0]} 2026-03-02T18:00 2026-03-03T08:00";
        await Say(coverer, cover);
        await Say(Caller, "cover list");
        await Say(Caller, "review threat-model Payments API: card tokenisation moves to the new vault cluster");
        await Say(Caller, "status REV-1");

        var outbox = await OutboxAsync(db);
        var reviewer = outbox.Select(m => m.To).First(to => to.Kind == RecipientKind.Person && to.Id != Caller).Id;
        var pending = await Say(reviewer, "reviews");
        cards.AddRange(outbox.Select(m => ($"outbox to {m.To.ChannelKey}", m.Card)));

        var gate = (await db.Store.ReadAsync(connection => GateRepository.LoadAsync(connection, null, 1, CancellationToken.None), CancellationToken.None))!;
        var type = policy.Reviews.GateTypes.Single(t => t.Id == gate.Type);
        var seats = type.Stages[0].Required;
        cards.Add(("reminder", chat.ReviewCards.ReminderCard(new ReviewReminderNotice(gate, reviewer, seats, 1, TimeSpan.FromHours(26)), now)));
        cards.Add(("optional", chat.ReviewCards.OptionalCard(gate, [.. type.Stages.SelectMany(s => s.Optional).DefaultIfEmpty(seats[0])], now)));
        cards.Add(("note", chat.ReviewCards.NoteCard(gate, GateEventKinds.ManagerNotified, "Nobody has signed for 2 days; the team manager is told.")));

        string[] withCards = ["declare", "status INC-1", "oncall", "cover list", "review", "status REV-1", "reviews"];
        Assert.All(withCards, command => Assert.Contains(cards, c => c.What == command || c.What.StartsWith(command + " ", StringComparison.Ordinal)));
        Assert.Contains(outbox, m => m.To.Kind == RecipientKind.Channel);
        Assert.Contains(outbox, m => m.To.Kind == RecipientKind.Person);
        var renderer = CardRenderer.ForRoster(chat.Roster, chat.Learned);
        Assert.All(cards, c => BlockKitLimitCheck.Message(renderer.Render(c.Card)));

        var help = await Say(Caller, "help");
        BlockKitLimitCheck.View(HomeTabRenderer.Render(status.Text, help.Text, pending.Text));
    }

    private static async Task<List<OutboundMessage>> OutboxAsync(TemporaryDatabase db)
    {
        var payloads = await db.Store.ReadAsync(
            connection => connection.QueryAsync<string>(new CommandDefinition("SELECT payload FROM outbox ORDER BY id", cancellationToken: CancellationToken.None)),
            CancellationToken.None);
        return [.. payloads.Select(p => JsonSerializer.Deserialize(p, ChatJsonContext.Default.OutboundMessage)!)];
    }

    private sealed class SlackOnly : IDeliveryPlatforms
    {
        public IReadOnlyList<string> Enabled { get; } = ["slack"];
    }
}
