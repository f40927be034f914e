using SecBot.Chat.Cards;
using SecBot.Chat.Conversation;
using SecBot.Chat.Delivery;
using SecBot.Chat.Tests.Support;
using SecBot.Storage.Tests.Support;

namespace SecBot.Chat.Tests.Reviews;

/// <summary>
/// A reviewer's action shows on every copy of their own cards about the gate, on every platform (contract.md: "acting on
/// either updates both messages"); once the gate is decided, on everyone's, so no request keeps live buttons.
/// </summary>
public sealed class CardRefreshTests
{
    [Fact]
    public async Task An_approve_refreshes_the_reviewers_own_copies_and_a_press_leaves_out_the_pressed_message()
    {
        await using var db = await TemporaryDatabase.MigratedAsync();
        var chat = await ReviewHarness.StartAsync(db);
        await chat.DoAsync("diego", "review new-microservice Payments API v2");
        var approve = (await chat.OutboxAsync()).Single(m => m.IsDirectTo("amara")).Message.Card.Buttons.Single(b => b.ActionId == ActionIds.Approve);
        var pressed = new MessageRef("teams", "a:amara", "1562094704.000001");

        var reply = await chat.PressWritingReplyAsync("amara", ActionIds.Approve, approve.Value, (_, _) => Task.CompletedTask);
        Assert.False(reply.IsRefusal, reply.Text);

        var refresh = Assert.Single(await chat.RefreshesAsync());
        Assert.Equal(("REV-1", "person:amara"), (refresh.Subject, refresh.To));
        Assert.Equal(reply.Card!.Title, refresh.Card.Title);
        Assert.Null(refresh.Except);

        await chat.DoAsync("diego", "review new-microservice Ledger service");
        var second = (await chat.OutboxAsync()).Last(m => m.IsDirectTo("amara")).Message.Card.Buttons.Single(b => b.ActionId == ActionIds.Approve);
        await chat.Router.HandleAsync(
            new ChatRequest(ChatHarness.SlackIdentityOf(chat.Roster, "amara"), ChatPlace.Direct("a:amara"), new ButtonInput(ActionIds.Approve, second.Value, new Dictionary<string, string>()) { Pressed = pressed })
            {
                WriteReply = (_, _) => Task.CompletedTask,
            },
            CancellationToken.None);
        Assert.Equal(pressed, (await chat.RefreshesAsync())[^1].Except);
    }

    [Fact]
    public async Task A_decided_gate_refreshes_every_copy_of_its_cards_for_everyone()
    {
        await using var db = await TemporaryDatabase.MigratedAsync();
        var chat = await ReviewHarness.StartAsync(db);
        await chat.DoAsync("diego", "review new-microservice Payments API v2");

        var reply = await chat.DoAsync("amara", "reject REV-1 No threat model attached");

        Assert.False((await chat.GateAsync(1)).IsOpen);
        var refresh = Assert.Single(await chat.RefreshesAsync());
        Assert.Equal(("REV-1", (string?)null), (refresh.Subject, refresh.To));
        Assert.Empty(refresh.Card.Buttons);
        Assert.Equal(reply.Card!.Facts, refresh.Card.Facts);
    }
}
