using SecBot.Chat.Tests.Support;
using System.Net;
using SecBot.Host.Tests.Support;
using SecBot.Storage.Timers;
using SecBot.Testing.Teams;

namespace SecBot.Host.Tests.Teams;

/// <summary>
/// How a page to a Teams 1:1 chat survives the Bot Connector's failures over the real host: a 429 waits for its
/// Retry-After and the page arrives once; a user who blocked the bot (403 MessageWritesBlocked) is never retried, the page
/// is dead-lettered, noted on the incident's timeline and named by <c>status</c>.
/// </summary>
public sealed class TeamsDeliveryFailureTests
{
    [Fact]
    public async Task A_429_on_the_pages_Send_waits_for_Retry_After_and_the_page_arrives_once()
    {
        await using var teams = await TeamsHost.StartAsync();
        await teams.InstallEveryoneAsync();
        var declarer = teams.OffCallDeclarer();
        var onCall = Assert.Single(teams.OnCallNow);
        teams.Connector.ScriptIn(TeamsActivities.PersonalConversationOf(onCall), FakeBotConnector.Operation.Send, FakeBotConnector.Answer.RateLimited(1));

        using var declared = await teams.PostAsync(teams.PersonalMessage(declarer, "declare Suspicious login"));
        Assert.Equal(HttpStatusCode.OK, declared.StatusCode);
        var paged = Assert.Single(await OnCallPolicy.PagedAsync(teams.Host.App.Services, 1, "L1"));
        Assert.Equal(onCall.Id, paged.Id);
        var counts = await teams.WaitForOutboxDrainedAsync(TimeSpan.FromSeconds(30));

        var sends = teams.Connector.CallsTo(FakeBotConnector.Operation.Send)
            .Where(c => c.ConversationId == TeamsActivities.PersonalConversationOf(paged) && c.Body.Contains("incident.ack", StringComparison.Ordinal)).ToList();
        Assert.Equal(2, sends.Count);
        Assert.Null(sends[0].AnsweredId);
        Assert.NotNull(sends[1].AnsweredId);
        Assert.Equal(sends[0].Body, sends[1].Body);
        Assert.True(sends[1].At - sends[0].At >= TimeSpan.FromMilliseconds(950), $"the retry came after {sends[1].At - sends[0].At}");
        Assert.Equal(0, counts.Dead);
        Assert.Single((await teams.IncidentAsync(1)).Pages);
    }

    [Fact]
    public async Task A_user_who_blocked_the_bot_is_not_retried_the_page_is_dead_lettered_noted_on_the_timeline_and_named_by_status()
    {
        await using var teams = await TeamsHost.StartAsync();
        await teams.InstallEveryoneAsync();
        var declarer = teams.OffCallDeclarer();
        var onCall = Assert.Single(teams.OnCallNow);
        teams.Connector.ScriptIn(TeamsActivities.PersonalConversationOf(onCall), FakeBotConnector.Operation.Send, FakeBotConnector.Answer.MessageWritesBlocked());
        using var declared = await teams.PostAsync(teams.PersonalMessage(declarer, "declare Suspicious login"));
        Assert.Equal(HttpStatusCode.OK, declared.StatusCode);
        var paged = Assert.Single(await OnCallPolicy.PagedAsync(teams.Host.App.Services, 1, "L1"));
        Assert.Equal(onCall.Id, paged.Id);
        var counts = await teams.WaitForOutboxDrainedAsync();

        var attempts = teams.Connector.CallsTo(FakeBotConnector.Operation.Send).Where(c => c.ConversationId == TeamsActivities.PersonalConversationOf(paged)).ToList();
        Assert.Single(attempts);
        Assert.True(counts.Dead >= 1);
        var dead = (await teams.Outbox.ListDeadAsync(10, CancellationToken.None)).Where(d => d.Payload.Contains("INC-1", StringComparison.Ordinal) && d.Platform == "teams").ToList();
        var page = Assert.Single(dead, d => d.Payload.Contains(paged.Id, StringComparison.Ordinal) || d.ChannelKey.Contains(TeamsActivities.PersonalConversationOf(paged), StringComparison.Ordinal));
        Assert.Contains("MessageWritesBlocked", page.LastError, StringComparison.Ordinal);
        Assert.Equal(1, page.Attempts);

        var notes = (await teams.Store.IncidentTimelineAsync(1)).Where(e => e.Kind == SubjectTimeline.DeliveryFailed).Select(e => e.Detail);
        Assert.Contains(notes, n => n.Contains(paged.Name, StringComparison.Ordinal) && n.Contains("MessageWritesBlocked", StringComparison.Ordinal));

        var status = (await teams.AskAsync(declarer, "status INC-1")).Body;
        Assert.Contains("Undelivered", status, StringComparison.Ordinal);
        Assert.Contains($"DM to {paged.Name}", status, StringComparison.Ordinal);
        Assert.Contains("MessageWritesBlocked", status, StringComparison.Ordinal);
    }
}
