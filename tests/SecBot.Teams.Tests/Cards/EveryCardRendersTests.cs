using System.Text.Json;
using System.Text.Json.Nodes;
using SecBot.Chat.Cards;
using SecBot.Chat.Conversation;
using SecBot.Chat.Tests.Support;
using SecBot.Slack.Rendering;
using SecBot.Storage.Tests.Support;
using SecBot.Teams.Cards;
using SecBot.Teams.Tests.Support;

namespace SecBot.Teams.Tests.Cards;

/// <summary>
/// Every card SecBot builds (<see cref="EveryCard"/>: the real chat layer over the shipped policy and a real SQLite file,
/// delivering to both platforms) renders on both platforms: as Block Kit, and as an Adaptive Card that is valid JSON
/// within Teams' 80 KB with every button an <c>Action.Execute</c>. Each button pressed on Teams (by invoke and by the legacy Action.Submit)
/// reaches the chat layer as exactly the <see cref="ButtonInput"/> the same press on Slack does.
/// </summary>
public sealed class EveryCardRendersTests
{
    [Fact]
    public async Task Every_card_SecBot_builds_renders_on_both_platforms_and_every_button_comes_back_the_same()
    {
        await using var db = await TemporaryDatabase.MigratedAsync();
        var every = await EveryCard.BuildAsync(db, "slack", "teams");
        var cards = every.Cards;
        var teams = AdaptiveCardRenderer.ForRoster(every.Chat.Roster, every.Chat.Learned);
        var slack = CardRenderer.ForRoster(every.Chat.Roster, every.Chat.Learned);

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
}
