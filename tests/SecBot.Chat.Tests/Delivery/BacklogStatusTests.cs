using SecBot.Chat.Tests.Support;
using SecBot.Storage.Delivery;
using SecBot.Storage.Tests.Support;

namespace SecBot.Chat.Tests.Delivery;

/// <summary>
/// While a platform keeps failing (an outage: the dispatcher retries, nothing is given up on yet), <c>status</c> says how
/// many messages wait for it and since when; messages merely queued for the moment it takes to send them are no news.
/// </summary>
public sealed class BacklogStatusTests
{
    [Fact]
    public async Task Status_names_a_platform_whose_messages_are_being_retried_with_the_backlog_its_age_and_the_last_error()
    {
        await using var db = await TemporaryDatabase.MigratedAsync();
        var chat = await ChatHarness.StartAsync(db);
        await chat.DeclareAsync("sam", "Suspicious login on VPN");
        var queued = await chat.OutboxAsync();
        chat.Time.Advance(TimeSpan.FromSeconds(90));
        Assert.True(await new OutboxRepository(chat.Store).MarkFailedAsync(queued[0].Id, "chat.postMessage: http_500", chat.Time.GetUtcNow().AddSeconds(5), CancellationToken.None));

        var warning = (await chat.SayAsync("leo", "status")).Text.Split('\n')[^1];

        Assert.Equal(
            $"⏳ {queued.Count} messages to Slack are waiting, the oldest for 1 minute; Slack is being retried (chat.postMessage: http_500). "
            + "Nothing is lost: they go out in order once it answers.",
            warning);
    }

    [Fact]
    public async Task Messages_queued_and_not_yet_failed_are_not_reported()
    {
        await using var db = await TemporaryDatabase.MigratedAsync();
        var chat = await ChatHarness.StartAsync(db);
        await chat.DeclareAsync("sam", "Suspicious login on VPN");
        Assert.NotEmpty(await chat.OutboxAsync());
        chat.Time.Advance(TimeSpan.FromMinutes(5));

        var reply = await chat.SayAsync("leo", "status");

        Assert.DoesNotContain("waiting", reply.Text, StringComparison.Ordinal);
        Assert.Equal(2, reply.Text.Split('\n').Length);
    }
}
