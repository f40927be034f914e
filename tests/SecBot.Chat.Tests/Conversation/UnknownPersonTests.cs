using SecBot.Chat.Cards;
using SecBot.Chat.Conversation;
using SecBot.Chat.Tests.Support;
using SecBot.Domain.Incidents;
using SecBot.Storage.Tests.Support;

namespace SecBot.Chat.Tests.Conversation;

/// <summary>Only people on the roster may use SecBot; anyone else gets a polite refusal and changes nothing.</summary>
public sealed class UnknownPersonTests
{
    public static TheoryData<ChatIdentity> Strangers => new()
    {
        new ChatIdentity("slack", "U0STRANGER"),
        new ChatIdentity("slack", "u0maya0001"),
        new ChatIdentity("teams", "ffffffff-0000-4000-8000-000000000099"),
        new ChatIdentity("teams", "U0MAYA0001"),
        new ChatIdentity("console", "mallory"),
        new ChatIdentity("slack", ""),
    };

    [Theory]
    [MemberData(nameof(Strangers))]
    public async Task Someone_not_on_the_roster_is_politely_refused_and_nothing_is_stored(ChatIdentity stranger)
    {
        await using var db = await TemporaryDatabase.MigratedAsync();
        var chat = await ChatHarness.StartAsync(db);

        foreach (var text in new[] { "declare Totally legit incident level:L3", "cover SocEngineer 2026-03-02T10:00Z 2026-03-02T12:00Z", "help" })
        {
            var reply = await chat.Router.HandleAsync(new ChatRequest(stranger, ChatPlace.Direct(), new TextInput(text)), CancellationToken.None);

            Assert.True(reply.IsRefusal);
            Assert.Equal(ReplyVisibility.Private, reply.Visibility);
            Assert.Equal(ChatRouter.UnknownPersonReply, reply.Text);
        }

        Assert.Equal(new TableCounts(0, 0, 0, 0, 0, 0), await chat.CountsAsync());
    }

    [Fact]
    public async Task A_stranger_pressing_a_real_incidents_button_changes_nothing()
    {
        await using var db = await TemporaryDatabase.MigratedAsync();
        var chat = await ChatHarness.StartAsync(db);
        await chat.DeclareAsync("sam", "Suspicious login on VPN");
        var before = await chat.CountsAsync();
        var stranger = new ChatIdentity("slack", "U0STRANGER");

        foreach (var action in new[] { ActionIds.Acknowledge, ActionIds.Escalate, ActionIds.Resolve })
        {
            var press = new ButtonInput(action, "INC-1", new Dictionary<string, string> { [ActionIds.Inputs.Summary] = "nothing to see" });
            var reply = await chat.Router.HandleAsync(new ChatRequest(stranger, ChatPlace.Direct(), press), CancellationToken.None);

            Assert.True(reply.IsRefusal);
            Assert.Equal(ChatRouter.UnknownPersonReply, reply.Text);
        }

        var incident = await chat.IncidentAsync(1);
        Assert.Equal((IncidentState.Open, "L1"), (incident.State, incident.Level));
        Assert.Equal(before, await chat.CountsAsync());
    }

    [Fact]
    public async Task People_are_recognised_by_their_Slack_and_Teams_ids()
    {
        await using var db = await TemporaryDatabase.MigratedAsync();
        var chat = await ChatHarness.StartAsync(db);

        var slack = await chat.Router.HandleAsync(
            new ChatRequest(new ChatIdentity("slack", "U0SAM00002"), ChatPlace.Direct(), new TextInput("declare From Slack")), CancellationToken.None);
        var teams = await chat.Router.HandleAsync(
            new ChatRequest(new ChatIdentity("teams", "00000000-0000-4000-8000-000000000002"), ChatPlace.Direct(), new TextInput("declare From Teams")), CancellationToken.None);

        Assert.False(slack.IsRefusal, slack.Text);
        Assert.False(teams.IsRefusal, teams.Text);
        Assert.Equal("sam", (await chat.IncidentAsync(1)).DeclaredBy);
        Assert.Equal("sam", (await chat.IncidentAsync(2)).DeclaredBy);
    }
}
