using SecBot.Chat.Tests.Support;
using SecBot.Storage.Timers;
using System.Text.Json.Nodes;
using SecBot.Host.Tests.Slack;
using SecBot.Host.Tests.Support;
using SecBot.Testing.Slack;

namespace SecBot.Host.Tests.Delivery;

/// <summary>Messages Slack refuses for good are not only kept (SlackDeliveryFailureTests) but shown: in <c>status</c> and on the timeline.</summary>
public sealed class DeadLetterReportTests
{
    [Fact]
    public async Task A_page_Slack_refuses_is_reported_by_status_and_noted_on_the_incident_timeline()
    {
        await using var slack = await SlackHost.StartAsync(s => s.Script("chat.postMessage", FakeResponse.Error("invalid_auth"), FakeResponse.Error("invalid_auth")));
        using var declared = await slack.CommandAsync("declare Suspicious login");
        Assert.Equal(2, (await slack.WaitForOutboxDrainedAsync()).Dead);
        var paged = Assert.Single(await OnCallPolicy.PagedAsync(slack.Host.App.Services, 1, "L1")).Name;

        // Asked elsewhere: in the channel it was declared in, a bare status is that incident's status.
        var overview = await TextOfAsync(await slack.CommandAsync("status", userId: "U0LEO00006", channelId: "C0ELSEWHERE"));
        var incident = await slack.CommandAsync("status INC-1", userId: "U0LEO00006");

        var warning = overview.Split('\n')[^1];
        Assert.StartsWith("⚠ 2 messages could not be delivered (retry MSG-n re-queues one): MSG-", warning, StringComparison.Ordinal);
        Assert.Contains($"Slack DM to {paged} (INC-1): chat.postMessage: invalid_auth", warning, StringComparison.Ordinal);
        Assert.Contains("Slack post to the incidents channel (INC-1): chat.postMessage: invalid_auth", warning, StringComparison.Ordinal);
        var blocks = await incident.Content.ReadAsStringAsync();
        Assert.Contains("Undelivered messages:", blocks, StringComparison.Ordinal);
        Assert.Contains($"Slack DM to {paged}: chat.postMessage: invalid_auth", blocks, StringComparison.Ordinal);

        var notes = (await slack.Store.IncidentTimelineAsync(1)).Where(e => e.Kind == SubjectTimeline.DeliveryFailed).ToList();
        Assert.Equal(2, notes.Count);
        Assert.All(notes, n => Assert.Equal("secbot", n.Actor));
        Assert.Contains(notes, n => n.Detail == $"Slack DM to {paged} could not be delivered: chat.postMessage: invalid_auth");
    }

    private static async Task<string> TextOfAsync(HttpResponseMessage response)
    {
        using (response)
        {
            return (string?)JsonNode.Parse(await response.Content.ReadAsStringAsync())!["text"] ?? "";
        }
    }
}
