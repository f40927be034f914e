using SecBot.Chat.Delivery;
using SecBot.Chat.Tests.Support;
using SecBot.Slack.Rendering;
using SecBot.Storage.Tests.Support;

namespace SecBot.Slack.Tests.Rendering;

/// <summary>
/// Every card SecBot builds (<see cref="EveryCard"/>: the real chat layer over the shipped policy and a real SQLite file)
/// renders to Block Kit that Slack would accept (<see cref="BlockKitLimitCheck"/>), and so does the Home tab.
/// </summary>
public sealed class EveryCardRendersTests
{
    [Fact]
    public async Task Every_card_SecBot_builds_renders_within_Slacks_limits()
    {
        await using var db = await TemporaryDatabase.MigratedAsync();
        var every = await EveryCard.BuildAsync(db, "slack");

        Assert.All(EveryCard.CommandsWithCards, command => Assert.Contains(every.Cards, c => c.What == command || c.What.StartsWith(command + " ", StringComparison.Ordinal)));
        Assert.Contains(every.Outbox, m => m.To.Kind == RecipientKind.Channel);
        Assert.Contains(every.Outbox, m => m.To.Kind == RecipientKind.Person);
        var renderer = CardRenderer.ForRoster(every.Chat.Roster, every.Chat.Learned);
        Assert.All(every.Cards, c => BlockKitLimitCheck.Message(renderer.Render(c.Card)));

        var help = await every.SayAsync(EveryCard.Caller, "help");
        BlockKitLimitCheck.View(HomeTabRenderer.Render(every.Reply("status").Text, help.Text, every.Reply("reviews").Text));
    }
}
