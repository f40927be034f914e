using SecBot.Domain.Incidents;
using System.Net;
using SecBot.Storage.Delivery;
using SecBot.Testing.Slack;

namespace SecBot.Host.Tests.Slack;

/// <summary>
/// One state on every copy, end to end: the cards a declare delivers are recorded where Slack put them, and a change
/// made anywhere (here a typed command, which has no pressed message to leave out) updates each of them in place.
/// </summary>
public sealed class SlackCardRefreshFlowTests
{
    private const string PagedDm = "D069C7QFK";

    [Fact]
    public async Task A_typed_ack_updates_the_page_and_the_announcement_recorded_when_the_incident_was_declared()
    {
        await using var slack = await SlackHost.StartAsync();
        using var declared = await slack.CommandAsync("declare Suspicious login");
        var paged = (await slack.Slack.WaitForAsync("conversations.open"))[0]["users"]!;
        await slack.Slack.WaitForAsync("chat.postMessage", 2);
        Assert.Equal(0, (await slack.WaitForOutboxDrainedAsync()).Dead);

        var sent = await slack.Host.App.Services.GetRequiredService<SentCardRepository>().ListAsync("slack", "INC-1", CancellationToken.None);
        Assert.Equal(
            [(SlackHost.IncidentsChannel, "1503435956.000247"), (PagedDm, "1503435956.000247")],
            sent.Select(s => (s.ConversationId, s.MessageId)).OrderBy(s => s.ConversationId, StringComparer.Ordinal));

        using var typed = await slack.EventAsync(SlackPayloads.DirectMessage("Ev0ACK00001", paged, "ack INC-1"));

        Assert.Equal(HttpStatusCode.OK, typed.StatusCode);
        var page = Assert.Single(await slack.Slack.WaitForUpdatesInAsync(PagedDm));
        var announcement = Assert.Single(await slack.Slack.WaitForUpdatesInAsync(SlackHost.IncidentsChannel));
        Assert.All([page, announcement], update =>
        {
            Assert.Equal("1503435956.000247", update["ts"]);
            Assert.Contains("acknowledged", update.Body, StringComparison.OrdinalIgnoreCase);
        });
        Assert.Equal(page.Json!["blocks"]!.ToJsonString(), announcement.Json!["blocks"]!.ToJsonString());
        Assert.Equal(0, (await slack.WaitForOutboxDrainedAsync()).Dead);
        Assert.Equal(IncidentState.Acknowledged, (await slack.IncidentAsync(1)).State);
    }

    [Fact]
    public async Task A_refresh_waits_for_a_page_still_being_retried_so_the_page_arrives_and_is_then_updated()
    {
        // The DM page fails twice (Slack down) and is retried by the dispatcher; the ack comes in meanwhile.
        await using var slack = await SlackHost.StartAsync(fake => fake.Script(
            "conversations.open", new FakeResponse(503, """{"ok":false,"error":"service_unavailable"}"""), new FakeResponse(503, """{"ok":false,"error":"service_unavailable"}""")),
            "--SecBot:Slack:Resilience:MaxRetryAttempts=0", "--SecBot:Delivery:FirstBackoff=00:00:01");
        using var declared = await slack.CommandAsync("declare Suspicious login");
        await slack.Slack.WaitForAsync("chat.postMessage", p => p["channel"] == SlackHost.IncidentsChannel);
        var paged = (await slack.Slack.WaitForAsync("conversations.open"))[0]["users"]!;

        using var typed = await slack.CommandAsync("ack INC-1", userId: paged);

        Assert.Equal(HttpStatusCode.OK, typed.StatusCode);
        var page = await slack.Slack.WaitForAsync("chat.postMessage", p => p["channel"] == PagedDm);
        var update = Assert.Single(await slack.Slack.WaitForUpdatesInAsync(PagedDm));
        Assert.True(update.At >= page.At, "the page's update came after the page");
        Assert.Contains("acknowledged", update.Body, StringComparison.OrdinalIgnoreCase);
        Assert.Equal(0, (await slack.WaitForOutboxDrainedAsync()).Dead);
    }
}
