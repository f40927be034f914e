using SecBot.Testing.Slack;

namespace SecBot.Host.Tests.Slack;

/// <summary>How the dispatcher and the Slack sender handle Slack's failures (slack-protocol.md §6, contract.md "Guarantees").</summary>
public sealed class SlackDeliveryFailureTests
{
    [Fact]
    public async Task A_429_waits_for_Retry_After_and_then_the_message_is_delivered_once()
    {
        await using var slack = await SlackHost.StartAsync(s => s.Script("chat.postMessage", FakeResponse.RateLimited(1)));

        using var declared = await slack.CommandAsync("declare Suspicious login");
        var counts = await slack.WaitForOutboxDrainedAsync(TimeSpan.FromSeconds(30));

        var posts = slack.Slack.CallsTo("chat.postMessage");
        Assert.Equal(3, posts.Count);
        var limited = posts[0];
        var retry = Assert.Single(posts.Skip(1), p => p.Body == limited.Body);
        Assert.True(retry.At - limited.At >= TimeSpan.FromMilliseconds(950), $"the retry came after {retry.At - limited.At}");
        Assert.Equal(0, counts.Dead);
    }

    [Fact]
    public async Task Invalid_auth_dead_letters_the_message_with_the_error()
    {
        await using var slack = await SlackHost.StartAsync(s => s.Script("chat.postMessage", FakeResponse.Error("invalid_auth"), FakeResponse.Error("invalid_auth")));

        using var declared = await slack.CommandAsync("declare Suspicious login");
        var counts = await slack.WaitForOutboxDrainedAsync();

        Assert.Equal(2, counts.Dead);
        var dead = await slack.Outbox.ListDeadAsync(10, CancellationToken.None);
        Assert.All(dead, d => Assert.Equal("chat.postMessage: invalid_auth", d.LastError));
        Assert.Equal(2, slack.Slack.CallsTo("chat.postMessage").Count);
    }

    [Fact]
    public async Task A_missing_dm_channel_is_dead_lettered_but_the_announcement_still_goes_out()
    {
        await using var slack = await SlackHost.StartAsync(s => s.Script("conversations.open", FakeResponse.Fixture("web.conversations.open.error_channel_not_found.json")));

        using var declared = await slack.CommandAsync("declare Suspicious login");
        var counts = await slack.WaitForOutboxDrainedAsync();

        Assert.Equal(1, counts.Dead);
        Assert.Equal("conversations.open: channel_not_found", Assert.Single(await slack.Outbox.ListDeadAsync(10, CancellationToken.None)).LastError);
        Assert.Equal(SlackHost.IncidentsChannel, Assert.Single(slack.Slack.CallsTo("chat.postMessage"))["channel"]);
    }
}
