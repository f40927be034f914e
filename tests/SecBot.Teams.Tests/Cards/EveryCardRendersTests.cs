using System.Text.Json;
using System.Text.Json.Nodes;
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
using SecBot.Teams.Cards;
using SecBot.Teams.Tests.Support;

namespace SecBot.Teams.Tests.Cards;

/// <summary>
/// Every card SecBot builds, built by the real chat layer (<see cref="ChatGraph"/>) over the shipped policy and a real
/// SQLite file, renders on both platforms: as Block Kit, and as an Adaptive Card that is valid JSON within Teams' 80 KB
/// with every button an <c>Action.Execute</c>. Each button pressed on Teams (by invoke and by the legacy Action.Submit)
/// reaches the chat layer as exactly the <see cref="ButtonInput"/> the same press on Slack does.
/// </summary>
public sealed class EveryCardRendersTests
{
    private const string Caller = "maya";

    [Fact]
    public async Task Every_card_SecBot_builds_renders_on_both_platforms_and_every_button_comes_back_the_same()
    {
        await using var db = await TemporaryDatabase.MigratedAsync();
        var cards = await EveryCardAsync(db);
        var chat = new ChatGraph(db.Store, ShippedConfiguration.LoadPolicy(), new BothPlatforms(), db.Time);
        var teams = AdaptiveCardRenderer.ForRoster(chat.Roster, chat.Learned);
        var slack = CardRenderer.ForRoster(chat.Roster, chat.Learned);

        Assert.Contains(cards, c => c.Card.Buttons.Any(b => b.Asks.Any(a => a.Kind == CardInputKind.Checkboxes)));
        Assert.Contains(cards, c => c.Card.Buttons.Any(b => b.Asks.Count == 0));
        foreach (var (what, card) in cards)
        {
            Assert.NotEmpty(slack.Render(card).Blocks);
            var rendered = teams.Render(card);
            var json = rendered.ToJsonString();
            Assert.True(TeamsLimits.SizeOf(json) <= TeamsLimits.MessageBytes, $"{what}: {TeamsLimits.SizeOf(json)} bytes");
            using (var reparsed = JsonDocument.Parse(json)) Assert.Equal("AdaptiveCard", reparsed.RootElement.GetProperty("type").GetString());
            AssertEveryButtonIsAnExecute(card, rendered, what);

            foreach (var answer in new[] { CardClicks.FillEverything, CardClicks.OnlyWhatIsRequired })
            {
                var onSlack = CardClicks.OnSlack(card, answer);
                foreach (var legacy in new[] { false, true })
                {
                    var onTeams = CardClicks.OnTeams(card, rendered, answer, legacy);
                    Assert.All(onSlack.Zip(onTeams), pair => CardClicks.AssertSame(pair.First, pair.Second));
                }
            }
        }
    }

    private static void AssertEveryButtonIsAnExecute(Card card, JsonObject rendered, string what)
    {
        var actions = rendered["actions"]?.AsArray() ?? [];
        Assert.True(card.Buttons.Count == actions.Count, what);
        foreach (var (button, action) in card.Buttons.Zip(actions))
        {
            var execute = action!["type"]!.GetValue<string>() == "Action.ShowCard" ? action["card"]!["actions"]![0]! : action;
            Assert.Equal("Action.Execute", execute["type"]!.GetValue<string>());
            Assert.Equal(button.ActionId, execute["verb"]!.GetValue<string>());
            Assert.Equal(button.ActionId, execute["data"]![CardActionData.ActionKey]!.GetValue<string>());
            Assert.Equal(button.Value, execute["data"]![CardActionData.ValueKey]!.GetValue<string>());
            Assert.Equal("Action.Submit", execute["fallback"]!.GetValue<string>());
        }
    }

    // The same walk through SecBot as the Slack renderer's convention test: the replies to commands, every message the
    // outbox holds (for both platforms), and the review cards only a timer or an optional seat produces.
    private static async Task<List<(string What, Card Card)>> EveryCardAsync(TemporaryDatabase db)
    {
        var policy = ShippedConfiguration.LoadPolicy();
        await new RosterSync(db.Store, NullLogger<RosterSync>.Instance).SyncAsync(policy.Roster, CancellationToken.None);
        var chat = new ChatGraph(db.Store, policy, new BothPlatforms(), db.Time);
        var cards = new List<(string What, Card Card)>();

        async Task Say(string personId, string text)
        {
            var person = chat.Roster.PersonById(personId)!;
            var reply = await chat.Router.HandleAsync(
                new ChatRequest(new ChatIdentity("slack", person.SlackUserId!), ChatPlace.Direct("D0DIRECT"), new TextInput(text)), CancellationToken.None);
            Assert.False(reply.IsRefusal, $"{text}: {reply.Text}");
            if (reply.Card is { } card) cards.Add((text, card));
        }

        await Say(Caller, "declare Suspicious login from a new country on the payments admin console, after hours and from an unmanaged device");
        await Say(Caller, "status");
        await Say(Caller, "status INC-1");
        await Say(Caller, "oncall");
        var now = db.Time.GetUtcNow();
        var coverer = chat.Roster.People.First(p => chat.Roster.RolesHeldBy(p.Id, now).Count > 0).Id;
        await Say(coverer, $"cover {chat.Roster.RolesHeldBy(coverer, now)[0]} 2026-03-02T18:00 2026-03-03T08:00");
        await Say(Caller, "cover list");
        await Say(Caller, "review threat-model Payments API: card tokenisation moves to the new vault cluster");
        await Say(Caller, "status REV-1");
        // A gate type with a checklist: its approve button asks for attestations (checkboxes).
        await Say(Caller, "review high-risk-deploy Payments API cut-over to the new vault cluster");

        var outbox = await OutboxAsync(db);
        var reviewer = outbox.Select(m => m.To).First(to => to.Kind == RecipientKind.Person && to.Id != Caller).Id;
        await Say(reviewer, "reviews");
        cards.AddRange(outbox.Select(m => ($"outbox to {m.To.ChannelKey}", m.Card)));

        var gate = (await db.Store.ReadAsync(connection => GateRepository.LoadAsync(connection, null, 1, CancellationToken.None), CancellationToken.None))!;
        var type = policy.Reviews.GateTypes.Single(t => t.Id == gate.Type);
        var seats = type.Stages[0].Required;
        cards.Add(("reminder", chat.ReviewCards.ReminderCard(new ReviewReminderNotice(gate, reviewer, seats, 1, TimeSpan.FromHours(26)), now)));
        cards.Add(("optional", chat.ReviewCards.OptionalCard(gate, [.. type.Stages.SelectMany(s => s.Optional).DefaultIfEmpty(seats[0])], now)));
        cards.Add(("note", chat.ReviewCards.NoteCard(gate, GateEventKinds.ManagerNotified, "Nobody has signed for 2 days; the team manager is told.")));
        return cards;
    }

    private static async Task<List<OutboundMessage>> OutboxAsync(TemporaryDatabase db)
    {
        var payloads = await db.Store.ReadAsync(
            connection => connection.QueryAsync<string>(new CommandDefinition("SELECT payload FROM outbox ORDER BY id", cancellationToken: CancellationToken.None)),
            CancellationToken.None);
        return [.. payloads.Select(p => JsonSerializer.Deserialize(p, ChatJsonContext.Default.OutboundMessage)!)];
    }

    private sealed class BothPlatforms : IDeliveryPlatforms
    {
        public IReadOnlyList<string> Enabled { get; } = ["slack", "teams"];
    }
}
