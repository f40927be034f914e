using SecBot.Chat.Tests.Support;
using System.Net;
using SecBot.Host.Tests.Support;
using SecBot.Storage.Timers;
using SecBot.Testing.Teams;

namespace SecBot.Host.Tests.Teams;

/// <summary>
/// A paged person SecBot can reach on no platform (Teams only, and they never installed the app nor wrote to it) is never
/// skipped silently: the announcement names them as not reached, the timeline says so, the page is kept as undelivered
/// with the reason, and <c>status</c> shows it.
/// </summary>
public sealed class TeamsUnreachableTests
{
    [Fact]
    public async Task A_paged_person_with_no_Teams_conversation_is_named_not_reached_on_the_announcement_the_timeline_and_status()
    {
        await using var teams = await TeamsHost.StartAsync();
        var declarer = teams.OffCallDeclarer();

        using var declared = await teams.PostAsync(teams.PersonalMessage(declarer, "declare Suspicious login"));

        Assert.Equal(HttpStatusCode.OK, declared.StatusCode);
        var paged = Assert.Single(await OnCallPolicy.PagedAsync(teams.Host.App.Services, 1, "L1"));
        Assert.NotEqual(declarer.Id, paged.Id);
        var announcement = await teams.Connector.WaitForAsync(FakeBotConnector.Operation.Send, c => c.ConversationId == TeamsHost.IncidentsChannel && c.Body.Contains("INC-1", StringComparison.Ordinal));
        Assert.Contains("Not reached", announcement.Body, StringComparison.Ordinal);
        Assert.Contains(paged.Name, announcement.Body, StringComparison.Ordinal);

        var unreachable = (await teams.Store.IncidentTimelineAsync(1)).Where(e => e.Kind == SubjectTimeline.Unreachable).Select(e => e.Detail);
        Assert.Contains(paged.Name, Assert.Single(unreachable), StringComparison.Ordinal);

        await teams.WaitForOutboxDrainedAsync();
        Assert.Empty(teams.Connector.CallsTo(FakeBotConnector.Operation.CreateConversation));
        Assert.All(teams.Connector.CallsTo(FakeBotConnector.Operation.Send), c => Assert.Contains(c.ConversationId, new[] { TeamsHost.IncidentsChannel, TeamsActivities.PersonalConversationOf(declarer) }));
        var dead = Assert.Single(await teams.Outbox.ListDeadAsync(10, CancellationToken.None), d => d.Payload.Contains("INC-1", StringComparison.Ordinal));
        Assert.Equal("teams", dead.Platform);
        Assert.StartsWith($"secbot: SecBot has no Teams conversation with '{paged.Id}' yet", dead.LastError, StringComparison.Ordinal);

        var status = (await teams.AskAsync(declarer, "status INC-1")).Body;
        Assert.Contains("Undelivered", status, StringComparison.Ordinal);
        Assert.Contains($"DM to {paged.Name}", status, StringComparison.Ordinal);
        Assert.Contains($"Teams DM to {paged.Name}: secbot: SecBot has no Teams conversation", status, StringComparison.Ordinal);
    }
}
