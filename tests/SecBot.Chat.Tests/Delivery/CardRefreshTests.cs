using SecBot.Chat.Cards;
using SecBot.Chat.Conversation;
using SecBot.Chat.Delivery;
using SecBot.Chat.Tests.Support;
using SecBot.Storage.Delivery;
using SecBot.Storage.Tests.Support;

namespace SecBot.Chat.Tests.Delivery;

/// <summary>
/// An incident's change shows on every card delivered about it, on every platform: the command queues one
/// <see cref="CardRefresh"/> per enabled platform, skipping the message a button was pressed on (the press's own answer
/// updates that one); a typed command skips nothing.
/// </summary>
public sealed class CardRefreshTests
{
    private static readonly string[] BothPlatforms = ["slack", "teams"];

    private static readonly MessageRef PressedPage = new("slack", "D069C7QFK", "1503435956.000247");

    [Theory]
    [InlineData(ActionIds.Acknowledge, "acknowledged")]
    [InlineData(ActionIds.Escalate, "L2")]
    [InlineData(ActionIds.Resolve, "resolved")]
    public async Task A_button_press_refreshes_every_card_about_the_incident_on_each_platform_but_the_pressed_one(string actionId, string shown)
    {
        await using var db = await TemporaryDatabase.MigratedAsync();
        var chat = await ChatHarness.StartAsync(db, platforms: BothPlatforms);
        await chat.DeclareAsync("sam", "Suspicious login on VPN");
        var paged = await chat.FirstPagedAsync(1);
        var answered = new List<ChatReply>();

        var reply = await chat.PressOnAsync(
            PressedPage,
            (_, answer) =>
            {
                answered.Add(answer);
                return Task.CompletedTask;
            },
            paged,
            actionId,
            "INC-1",
            (ActionIds.Inputs.Summary, "False positive"),
            (ActionIds.Inputs.Reason, "lateral movement"));

        Assert.False(reply.IsRefusal, reply.Text);
        Assert.True(reply.IsQueued);
        var refreshes = await RefreshRowsAsync(db);
        Assert.Equal(BothPlatforms, refreshes.Select(r => r.Platform));
        Assert.All(refreshes, r =>
        {
            Assert.Equal(("subject:INC-1", "INC-1", PressedPage), (r.ChannelKey, r.Refresh.Subject, r.Refresh.Except));
            Assert.Contains(r.Refresh.Card.Facts, f => f.Value.Contains(shown, StringComparison.Ordinal));
            // Every other copy shows what the pressed one was answered with.
            Assert.Equal(Describe(Assert.Single(answered).Card!), Describe(r.Refresh.Card));
        });
    }

    [Theory]
    [InlineData("ack INC-1")]
    [InlineData("escalate INC-1 lateral movement")]
    [InlineData("resolve INC-1 False positive")]
    public async Task A_typed_command_refreshes_every_card_about_the_incident(string command)
    {
        await using var db = await TemporaryDatabase.MigratedAsync();
        var chat = await ChatHarness.StartAsync(db, platforms: BothPlatforms);
        await chat.DeclareAsync("sam", "Suspicious login on VPN");

        var reply = await chat.SayAsync(await chat.FirstPagedAsync(1), command);

        Assert.False(reply.IsRefusal, reply.Text);
        var refreshes = await RefreshRowsAsync(db);
        Assert.Equal(BothPlatforms, refreshes.Select(r => r.Platform));
        Assert.All(refreshes, r => Assert.Equal(("INC-1", null), (r.Refresh.Subject, r.Refresh.Except)));
        Assert.Equal(Describe(reply.Card!), Describe(refreshes[0].Refresh.Card));
    }

    [Fact]
    public async Task A_press_without_an_answer_queued_in_its_transaction_skips_nothing()
    {
        await using var db = await TemporaryDatabase.MigratedAsync();
        var chat = await ChatHarness.StartAsync(db);
        await chat.DeclareAsync("sam", "Suspicious login on VPN");

        // Nothing queues the update of the pressed message in the change's transaction, so no copy may be left out.
        var reply = await chat.Router.HandleAsync(
            new ChatRequest(
                ChatHarness.SlackIdentityOf(chat.Roster, await chat.FirstPagedAsync(1)),
                ChatPlace.Direct(PressedPage.ConversationId),
                new ButtonInput(ActionIds.Acknowledge, "INC-1", new Dictionary<string, string>()) { Pressed = PressedPage }),
            CancellationToken.None);

        Assert.False(reply.IsRefusal, reply.Text);
        Assert.Null(Assert.Single(await chat.RefreshesAsync()).Except);
    }

    [Fact]
    public async Task A_refused_press_queues_no_refresh()
    {
        await using var db = await TemporaryDatabase.MigratedAsync();
        var chat = await ChatHarness.StartAsync(db);
        await chat.DeclareAsync("sam", "Suspicious login on VPN");
        var paged = await chat.FirstPagedAsync(1);
        await chat.SayAsync(paged, "ack INC-1");

        var again = await chat.PressOnAsync(PressedPage, (_, _) => Task.CompletedTask, paged, ActionIds.Acknowledge, "INC-1");

        Assert.True(again.IsRefusal);
        Assert.Single(await chat.RefreshesAsync());
    }

    [Fact]
    public async Task An_ack_timeout_refreshes_the_cards_only_when_it_moves_the_incident_to_another_level()
    {
        await using var db = await TemporaryDatabase.MigratedAsync();
        var chat = await ChatHarness.StartAsync(db, platforms: BothPlatforms);
        await chat.DeclareAsync("sam", "Suspicious login on VPN");
        var ackTimeout = chat.Policy.Escalation.Levels.Single(l => l.Name == "L1").AckTimeout;

        for (var repage = 0; repage < chat.Policy.Escalation.Repages; repage++)
        {
            chat.Time.Advance(ackTimeout);
            Assert.Equal(1, await chat.FireDueTimersAsync());
        }

        Assert.Empty(await chat.RefreshesAsync());

        chat.Time.Advance(ackTimeout);
        Assert.Equal(1, await chat.FireDueTimersAsync());

        Assert.Equal("L2", (await chat.IncidentAsync(1)).Level);
        var refreshes = await RefreshRowsAsync(db);
        Assert.Equal(BothPlatforms, refreshes.Select(r => r.Platform));
        Assert.All(refreshes, r =>
        {
            Assert.Null(r.Refresh.Except);
            Assert.Contains(new CardFact("Level", "L2"), r.Refresh.Card.Facts);
            Assert.Contains(r.Refresh.Card.Buttons, b => b.ActionId == ActionIds.Escalate && b.Value == "INC-1@L2");
        });
    }

    [Fact]
    public void The_copies_to_update_are_all_but_exactly_the_pressed_message()
    {
        var pressed = new SentCard("slack", "INC-1", "D069C7QFK", "1503435956.000247", null);
        var announcement = pressed with { ConversationId = "C0INCIDENTS" };
        var laterInTheSameDm = pressed with { MessageId = "1503435956.000300" };
        var onTeams = pressed with { Platform = "teams" };
        SentCard[] sent = [pressed, announcement, laterInTheSameDm, onTeams];
        var card = new Card { Title = "INC-1: Phish" };

        var skipping = new CardRefresh("INC-1", card) { Except = new MessageRef(pressed.Platform, pressed.ConversationId, pressed.MessageId) };

        Assert.Equal([announcement, laterInTheSameDm, onTeams], skipping.ToUpdate(sent));
        Assert.Equal(sent, new CardRefresh("INC-1", card).ToUpdate(sent));
        Assert.Equal(sent, (skipping with { Except = new MessageRef("slack", "D0ELSEWHERE", "1503435956.000247") }).ToUpdate(sent));
    }

    [Fact]
    public void Copies_queued_after_the_change_already_show_it_and_are_left_alone_while_older_and_unknown_ones_are_updated()
    {
        var card = new Card { Title = "REV-1: Payments API v2" };
        var refresh = new CardRefresh("REV-1", card) { QueuedAfter = 40, To = "person:reviewer" };
        SentCard Copy(string ts, long? outboxId) => new("slack", "REV-1", "D0REVIEWER", ts, null) { Recipient = "person:reviewer", OutboxId = outboxId };
        var earlierRequest = Copy("1503435956.000100", 12);
        var upToTheChange = Copy("1503435956.000140", 40);
        var recordedBeforeRowsWereKept = Copy("1503435956.000090", null);
        // Queued with the approval itself (the next stage's request to the same reviewer), or by a later change that
        // went out before this refresh: each shows this state or a newer one.
        var nextStageRequest = Copy("1503435956.000141", 41);
        var fromALaterChange = Copy("1503435956.000190", 97);
        var aboutAnotherGate = Copy("1503435956.000101", 13) with { Subject = "REV-2" };
        SentCard[] sent = [recordedBeforeRowsWereKept, earlierRequest, upToTheChange, nextStageRequest, fromALaterChange, aboutAnotherGate];

        Assert.Equal([recordedBeforeRowsWereKept, earlierRequest, upToTheChange], refresh.ToUpdate(sent));
        Assert.False(refresh.Updates(nextStageRequest));
        Assert.Equal([recordedBeforeRowsWereKept, earlierRequest, upToTheChange], (refresh with { To = null }).ToUpdate(sent));
    }

    [Fact]
    public async Task Updating_each_copy_skips_the_vanished_stops_at_a_retryable_failure_and_hands_back_the_first_permanent_one()
    {
        var card = new Card { Title = "INC-1: Suspicious login" };
        SentCard Copy(string id) => new("slack", "INC-1", "D0" + id, id, null);
        var refresh = new CardRefresh("INC-1", card);
        var tried = new List<string>();
        Task<string?> Update(SentCard copy, IReadOnlyDictionary<string, string> answers)
        {
            tried.Add(copy.MessageId);
            return Task.FromResult(answers.GetValueOrDefault(copy.MessageId));
        }

        var copies = new[] { Copy("1"), Copy("2"), Copy("3"), Copy("4") };
        var permanent = await refresh.UpdateEachAsync(copies, c => Update(c, new Dictionary<string, string> { ["1"] = "gone", ["2"] = "denied", ["3"] = "refused" }), f => f == "gone", f => f == "busy");
        Assert.Equal("denied", permanent);
        Assert.Equal(["1", "2", "3", "4"], tried);

        tried.Clear();
        var retry = await refresh.UpdateEachAsync(copies, c => Update(c, new Dictionary<string, string> { ["2"] = "busy" }), f => f == "gone", f => f == "busy");
        Assert.Equal("busy", retry);
        Assert.Equal(["1", "2"], tried);

        Assert.Null(await refresh.UpdateEachAsync(copies, c => Update(c, new Dictionary<string, string> { ["4"] = "gone" }), f => f == "gone", f => f == "busy"));
    }

    [Fact]
    public void A_refresh_survives_the_outbox_json()
    {
        var refresh = new CardRefresh("INC-1", new Card { Title = "INC-1: Phish", Facts = [new CardFact("State", "acknowledged")] }) { Except = PressedPage };
        var written = System.Text.Json.JsonSerializer.Serialize(refresh, ChatJsonContext.Default.CardRefresh);

        var read = OutboxWriter.ReadRefresh(written);

        Assert.Equal((refresh.Subject, refresh.Except, refresh.Card.Title), (read.Subject, read.Except, read.Card.Title));
        Assert.Equal(refresh.Card.Facts, read.Card.Facts);
    }

    private static string Describe(Card card) =>
        string.Join("|", [card.Title, card.Text ?? "", card.Context ?? "", .. card.Facts.Select(f => $"{f.Label}={f.Value}"), .. card.Buttons.Select(b => $"{b.ActionId}:{b.Value}")]);

    private static async Task<IReadOnlyList<RefreshRow>> RefreshRowsAsync(TemporaryDatabase db)
    {
        var rows = (await db.Store.OutboxEntriesAsync()).Where(m => m.Kind == OutboxWriter.RefreshKind);
        return [.. rows.Select(r => new RefreshRow(r.Platform, r.ChannelKey, OutboxWriter.ReadRefresh(r.Payload)))];
    }

    private sealed record RefreshRow(string Platform, string ChannelKey, CardRefresh Refresh);
}
