using SecBot.Chat.Tests.Support;
using SecBot.Domain.Incidents;
using SecBot.Storage.Delivery;
using System.Net;
using System.Text.Json.Nodes;
using SecBot.Host.Tests.Support;
using SecBot.Testing.Slack;

namespace SecBot.Host.Tests.Slack;

/// <summary>
/// <c>SecBot:Slack:PerIncidentChannels</c> end to end: the real host and dispatcher against the fake Slack. The channel
/// is made, filled and invited to through the outbox, never on the request path.
/// </summary>
public sealed class SlackIncidentChannelTests
{
    private const string PerIncidentChannels = "--SecBot:Slack:PerIncidentChannels=true";

    // The id in web.conversations.create.ok.json, which the fake answers every conversations.create with.
    private const string CreatedChannel = "C0EAQDV4Z";

    [Fact]
    public async Task Declaring_creates_the_incident_channel_posts_the_card_there_and_invites_the_paged_person()
    {
        await using var slack = await SlackHost.StartAsync(settings: PerIncidentChannels);

        using var declared = await slack.CommandAsync("declare Suspicious login from TOR exit (Ünïcode!)");
        Assert.Equal(HttpStatusCode.OK, declared.StatusCode);
        var paged = (await slack.Slack.WaitForAsync("conversations.open"))[0]["users"]!;
        var invite = Assert.Single(await slack.Slack.WaitForAsync("conversations.invite"));
        await slack.WaitForOutboxDrainedAsync();

        var create = Assert.Single(slack.Slack.CallsTo("conversations.create"));
        Assert.Equal("inc-1-suspicious-login-from-tor-exit-unicode", create["name"]);
        Assert.False((bool)create.Json!["is_private"]!);
        Assert.Equal((CreatedChannel, paged), (invite["channel"], invite["users"]));
        var card = Assert.Single(slack.Slack.CallsTo("chat.postMessage"), p => p["channel"] == CreatedChannel);
        Assert.Contains("INC-1", card["text"], StringComparison.Ordinal);
        Assert.Contains(Buttons(card), b => (string?)b["action_id"] == "incident.ack" && (string?)b["value"] == "INC-1");
        Assert.Equal(1L, (await slack.Store.IncidentChannelsAsync()).First(c => c.ChannelId == CreatedChannel).Incident);
        Assert.DoesNotContain(await slack.OutboxEntriesAsync(), m => m.State == OutboxState.Dead);
    }

    [Fact]
    public async Task A_taken_name_is_retried_with_a_suffix()
    {
        await using var slack = await SlackHost.StartAsync(
            fake => fake.Script("conversations.create", FakeResponse.Fixture("web.conversations.create.error_name_taken.json"), FakeResponse.Error("name_taken")),
            PerIncidentChannels);

        using var declared = await slack.CommandAsync("declare Phishing wave");
        await slack.Slack.WaitForAsync("conversations.invite");
        await slack.WaitForOutboxDrainedAsync();

        Assert.Equal(["inc-1-phishing-wave", "inc-1-phishing-wave-2", "inc-1-phishing-wave-3"], slack.Slack.CallsTo("conversations.create").Select(c => c["name"]));
        Assert.Equal(CreatedChannel, slack.Slack.CallsTo("conversations.invite")[0]["channel"]);
        Assert.Single(await slack.Store.IncidentChannelsAsync());
    }

    [Fact]
    public async Task Commands_typed_in_the_incident_channel_without_an_id_act_on_its_incident()
    {
        await using var slack = await SlackHost.StartAsync(settings: PerIncidentChannels);
        using var first = await slack.CommandAsync("declare Suspicious login");
        var paged = (await slack.Slack.WaitForAsync("conversations.open"))[0]["users"]!;
        await slack.Slack.WaitForAsync("conversations.invite");
        await slack.WaitForOutboxDrainedAsync();

        // A second open incident declared elsewhere: without the channel's record, "which incident?" would be ambiguous.
        slack.Slack.Script("conversations.create", new FakeResponse(200, """{"ok":true,"channel":{"id":"C0SECOND01","name":"inc-2-malware"}}"""));
        using var second = await slack.CommandAsync("declare Malware on a laptop");
        await slack.Slack.WaitForAsync("conversations.invite", 2);
        await slack.WaitForOutboxDrainedAsync();

        using var status = await slack.CommandAsync("status", paged, CreatedChannel);
        using var ack = await slack.CommandAsync("ack", paged, CreatedChannel);
        using var resolve = await slack.CommandAsync("resolve Password reset, sessions revoked", paged, CreatedChannel);
        using var elsewhere = await slack.CommandAsync("ack", paged, "C0ELSEWHERE");

        Assert.Contains("INC-1 is open", await TextAsync(status), StringComparison.Ordinal);
        Assert.Equal(("in_channel", true), await ResponseAsync(ack, "INC-1"));
        Assert.Equal(("in_channel", true), await ResponseAsync(resolve, "INC-1"));
        Assert.Contains("Which incident?", await TextAsync(elsewhere), StringComparison.Ordinal);
        Assert.Equal(IncidentState.Resolved, (await slack.IncidentAsync(1)).State);
        Assert.Equal(IncidentState.Open, (await slack.IncidentAsync(2)).State);

        // Still that incident's channel once it is resolved: status answers about it, not about the open ones.
        using var after = await slack.CommandAsync("status", paged, CreatedChannel);
        Assert.Contains("INC-1 is resolved", await TextAsync(after), StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_later_page_invites_only_the_newly_paged()
    {
        await using var slack = await SlackHost.StartAsync(settings: PerIncidentChannels);
        using var declared = await slack.CommandAsync("declare Suspicious login");
        var firstPaged = (await slack.Slack.WaitForAsync("conversations.invite"))[0]["users"]!;
        await slack.WaitForOutboxDrainedAsync();

        using var escalated = await slack.CommandAsync("escalate INC-1 needs a senior", "U0OLIVI009");
        Assert.Contains("INC-1", await TextAsync(escalated), StringComparison.Ordinal);
        var invites = await slack.Slack.WaitForAsync("conversations.invite", 2);
        await slack.WaitForOutboxDrainedAsync();

        // Everyone L2 pages is invited, except whoever L1 paged: they are already in.
        var expected = (await OnCallPolicy.PagedAsync(slack.Host.App.Services, 1, "L2")).Select(p => p.SlackUserId).Where(u => u != firstPaged).ToList();
        Assert.NotEmpty(expected);
        Assert.Equal(2, invites.Count);
        Assert.Equal(expected, invites[1]["users"]!.Split(','));
        Assert.Equal(CreatedChannel, invites[1]["channel"]);
        Assert.Single(slack.Slack.CallsTo("conversations.create"));
        Assert.Single(slack.Slack.CallsTo("chat.postMessage"), p => p["channel"] == CreatedChannel);
    }

    [Fact]
    public async Task A_channel_that_cannot_be_created_is_dead_lettered_and_the_page_still_goes_out()
    {
        // Every card about the incident asks for its channel, so every attempt meets the missing scope.
        await using var slack = await SlackHost.StartAsync(
            fake => fake.Script("conversations.create", [.. Enumerable.Repeat(FakeResponse.Error("missing_scope"), 5)]),
            PerIncidentChannels);

        using var declared = await slack.CommandAsync("declare Suspicious login");
        await slack.Slack.WaitForAsync("chat.postMessage", 2);
        var counts = await slack.WaitForOutboxDrainedAsync();

        Assert.InRange(counts.Dead, 1, 2);
        Assert.Contains("conversations.create: missing_scope", (await slack.OutboxEntriesAsync()).First(m => m.State == OutboxState.Dead).LastError, StringComparison.Ordinal);
        Assert.Empty(slack.Slack.CallsTo("conversations.invite"));
        Assert.Empty(await slack.Store.IncidentChannelsAsync());
    }

    [Fact]
    public async Task With_the_setting_off_no_channel_is_created()
    {
        await using var slack = await SlackHost.StartAsync();

        using var declared = await slack.CommandAsync("declare Suspicious login");
        await slack.Slack.WaitForAsync("chat.postMessage", 2);
        await slack.WaitForOutboxDrainedAsync();

        Assert.Empty(slack.Slack.CallsTo("conversations.create"));
        Assert.Empty(slack.Slack.CallsTo("conversations.invite"));
        Assert.DoesNotContain(await slack.OutboxEntriesAsync(), m => m.Kind == "slack.incident-channel");
    }

    private static async Task<string> TextAsync(HttpResponseMessage response) =>
        (string?)JsonNode.Parse(await response.Content.ReadAsStringAsync())!["text"] ?? "";

    private static async Task<(string?, bool)> ResponseAsync(HttpResponseMessage response, string mentions)
    {
        var body = JsonNode.Parse(await response.Content.ReadAsStringAsync())!;
        return ((string?)body["response_type"], ((string?)body["text"] ?? "").Contains(mentions, StringComparison.Ordinal));
    }

    private static IEnumerable<JsonNode> Buttons(RecordedCall post) =>
        post.Json!["blocks"]!.AsArray().Where(b => (string?)b!["type"] == "actions").SelectMany(b => b!["elements"]!.AsArray()).Select(e => e!);
}
