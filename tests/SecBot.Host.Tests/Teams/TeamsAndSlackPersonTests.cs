using SecBot.Chat.Tests.Support;
using SecBot.Domain.Incidents;
using System.Net;
using SecBot.Host.Tests.Incidents;
using SecBot.Host.Tests.Support;
using SecBot.Testing.Slack;
using SecBot.Testing.Teams;

namespace SecBot.Host.Tests.Teams;

/// <summary>
/// One person on two platforms, over the real host with Slack and Teams both configured and a clock the test moves: the
/// paged person gets the page in their Slack DM and their Teams 1:1 chat; acknowledging on Teams updates the Slack page
/// and PUTs the Teams card, and no re-page follows when the acknowledgement deadline passes.
/// </summary>
public sealed class TeamsAndSlackPersonTests
{
    private static readonly DateTimeOffset Start = new(2026, 3, 2, 9, 0, 0, TimeSpan.Zero);

    [Fact]
    public async Task A_person_paged_on_Slack_and_Teams_who_acknowledges_on_Teams_sees_both_pages_updated_and_is_not_paged_again()
    {
        var clock = new WatchedClock(Start);
        await using var teams = await TeamsHost.StartAsync(clock, withSlack: true);
        var slack = teams.Slack!;
        await teams.InstallEveryoneAsync();
        var declarer = teams.OffCallDeclarer();

        using var declared = await teams.PostAsync(teams.PersonalMessage(declarer, "declare Suspicious login"));

        Assert.Equal(HttpStatusCode.OK, declared.StatusCode);
        var paged = Assert.Single(await OnCallPolicy.PagedAsync(teams.Host.App.Services, 1, "L1"));
        Assert.True(paged.SlackUserId.Length > 0 && paged.TeamsUserId.Length > 0, "the paged person should be on both platforms");
        var teamsPage = await teams.Connector.WaitForAsync(
            FakeBotConnector.Operation.Send, c => c.ConversationId == TeamsActivities.PersonalConversationOf(paged) && c.Body.Contains("incident.ack", StringComparison.Ordinal));
        await slack.WaitForAsync("conversations.open", c => c["users"] == paged.SlackUserId);
        var slackPage = await slack.WaitForAsync("chat.postMessage", c => c["channel"] != "C0INCIDENTS" && c.Body.Contains("incident.ack", StringComparison.Ordinal));
        var dm = slackPage["channel"]!;
        await teams.WaitForOutboxDrainedAsync();
        var repage = Assert.Single(await PendingTimersAsync(teams));

        var ack = TeamsCardJson.Button(teamsPage, "incident.ack")!;
        using var pressed = await teams.PostAsync(teams.Invoke(paged, teamsPage.ConversationId!, teamsPage.AnsweredId!, ack));

        Assert.Equal(HttpStatusCode.OK, pressed.StatusCode);
        Assert.Equal(IncidentState.Acknowledged, (await teams.IncidentAsync(1)).State);
        var slackUpdate = (await slack.WaitForUpdatesInAsync(dm)).Single();
        Assert.Contains("Acknowledged by " + paged.Name, slackUpdate.Body, StringComparison.Ordinal);
        var teamsUpdate = await teams.Connector.WaitForAsync(FakeBotConnector.Operation.Update, c => c.ActivityId == teamsPage.AnsweredId);
        Assert.Contains("Acknowledged by " + paged.Name, teamsUpdate.Body, StringComparison.Ordinal);

        var pagesBefore = PagesTo(teams, paged);
        await clock.AdvanceWhenAsleepUntilAsync(DateTimeOffset.FromUnixTimeMilliseconds(repage), "the clock to sleep until the re-page deadline");
        await DatabaseFile.WaitUntilAsync(async () => (await PendingTimersAsync(teams)).Count == 0, "the ack deadline to be handled");
        await teams.WaitForOutboxDrainedAsync();

        Assert.Equal(pagesBefore, PagesTo(teams, paged));
        Assert.Equal((1, 1), pagesBefore);
        Assert.Single(await teams.Store.IncidentTimelineAsync(1), e => e.Kind == IncidentEventKinds.TimerIgnored);
        Assert.DoesNotContain(await teams.Store.IncidentTimelineAsync(1), e => e.Kind == IncidentEventKinds.Repaged);
        Assert.Single((await teams.IncidentAsync(1)).Pages);
        Assert.Equal("L1", (await teams.IncidentAsync(1)).Level);
    }

    /// <summary>The due instants (Unix ms) of the incident's timers that have not fired.</summary>
    private static async Task<IReadOnlyList<long>> PendingTimersAsync(TeamsHost teams) =>
        [.. (await teams.Store.TimersAsync()).Where(t => t.Subject == "INC-1" && t.FiredAt is null).Select(t => t.DueAt.ToUnixTimeMilliseconds())];

    /// <summary>Pages to <paramref name="person"/> so far: Slack DMs with Acknowledge, and Teams sends to their chat.</summary>
    private static (int Slack, int Teams) PagesTo(TeamsHost teams, SecBot.Domain.Roster.Person person) => (
        teams.Slack!.CallsTo("chat.postMessage").Count(c => c["channel"] != "C0INCIDENTS" && c.Body.Contains("incident.ack", StringComparison.Ordinal)),
        teams.Connector.CallsTo(FakeBotConnector.Operation.Send).Count(c => c.ConversationId == TeamsActivities.PersonalConversationOf(person) && c.Body.Contains("incident.ack", StringComparison.Ordinal)));
}
