using System.Net;
using System.Text.Json.Nodes;
using SecBot.Testing.Slack;

namespace SecBot.Host.Tests.Slack;

/// <summary>An incident through Slack end to end: the real host, the real dispatcher, a fake Slack on loopback.</summary>
public sealed class SlackIncidentFlowTests
{
    [Fact]
    public async Task Declare_answers_in_channel_then_pages_by_dm_with_buttons_and_announces_in_the_incidents_channel()
    {
        await using var slack = await SlackHost.StartAsync();

        using var response = await slack.CommandAsync("declare Suspicious login");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var body = JsonNode.Parse(await response.Content.ReadAsStringAsync())!;
        Assert.Equal("in_channel", (string?)body["response_type"]);
        Assert.Contains("INC-1", (string?)body["text"], StringComparison.Ordinal);

        var opened = await slack.Slack.WaitForAsync("conversations.open");
        var posts = await slack.Slack.WaitForAsync("chat.postMessage", 2);
        Assert.StartsWith("U0", opened[0]["users"], StringComparison.Ordinal);
        var dm = Assert.Single(posts, p => p["channel"] == "D069C7QFK");
        Assert.Contains(Buttons(dm), b => (string?)b["action_id"] == "incident.ack" && (string?)b["value"] == "INC-1");
        var announcement = Assert.Single(posts, p => p["channel"] == SlackHost.IncidentsChannel);
        Assert.Contains($"<@{opened[0]["users"]}>", announcement["text"], StringComparison.Ordinal);
        Assert.All(slack.Slack.Calls, c => Assert.Equal("Bearer xoxb-test", c.Authorization));
    }

    [Fact]
    public async Task Pressing_the_posted_acknowledge_button_updates_that_message_in_place()
    {
        await using var slack = await SlackHost.StartAsync();
        using var declared = await slack.CommandAsync("declare Suspicious login");
        var paged = (await slack.Slack.WaitForAsync("conversations.open"))[0]["users"]!;
        var dm = (await slack.Slack.WaitForAsync("chat.postMessage", 2)).Single(p => p["channel"] == "D069C7QFK");
        var ack = Buttons(dm).Single(b => (string?)b["action_id"] == "incident.ack");

        using var pressed = await slack.ActionAsync(SlackPayloads.BlockActions(paged, (string)ack["action_id"]!, (string)ack["value"]!, "D069C7QFK", "1503435956.000247"));

        Assert.Equal(HttpStatusCode.OK, pressed.StatusCode);
        var update = Assert.Single(await slack.Slack.WaitForUpdatesInAsync("D069C7QFK"));
        Assert.Equal(("D069C7QFK", "1503435956.000247"), (update["channel"], update["ts"]));
        Assert.Contains("acknowledged", update.Body, StringComparison.OrdinalIgnoreCase);

        // The announcement in the incidents channel had the same buttons: it follows the press too, once.
        var announcement = Assert.Single(await slack.Slack.WaitForUpdatesInAsync(SlackHost.IncidentsChannel));
        Assert.Equal(update.Json!["blocks"]!.ToJsonString(), announcement.Json!["blocks"]!.ToJsonString());
    }

    [Fact]
    public async Task The_same_button_payload_delivered_twice_acts_once()
    {
        await using var slack = await SlackHost.StartAsync();
        using var declared = await slack.CommandAsync("declare Suspicious login");
        var paged = (await slack.Slack.WaitForAsync("conversations.open"))[0]["users"]!;
        await slack.WaitForOutboxDrainedAsync();
        var payload = SlackPayloads.BlockActions(paged, "incident.ack", "INC-1", "D069C7QFK", "1503435956.000247");

        using var first = await slack.ActionAsync(payload);
        using var second = await slack.ActionAsync(payload);
        await slack.Slack.WaitForUpdatesInAsync("D069C7QFK");
        await slack.WaitForOutboxDrainedAsync();

        Assert.Equal(HttpStatusCode.OK, second.StatusCode);
        Assert.Single(slack.Slack.UpdatesIn("D069C7QFK"));
        Assert.Single(slack.Slack.UpdatesIn(SlackHost.IncidentsChannel));
        Assert.Empty(slack.Slack.CallsTo("chat.postEphemeral"));
        Assert.Single(await slack.InboundKeysAsync(), k => k.Source == "slack.action");
    }

    [Fact]
    public async Task The_same_event_delivered_three_times_declares_once_and_answers_once()
    {
        await using var slack = await SlackHost.StartAsync();
        var dm = SlackPayloads.DirectMessage("Ev0PV52K21", "U0MAYA0001", "declare Phishing wave");

        using var first = await slack.EventAsync(dm);
        using var retry1 = await slack.EventAsync(dm, retryNum: 1);
        using var retry2 = await slack.EventAsync(dm, retryNum: 2);
        await slack.Slack.WaitForAsync("chat.postMessage", 3);
        await slack.WaitForOutboxDrainedAsync();

        Assert.All(new[] { first, retry1, retry2 }, r => Assert.Equal(HttpStatusCode.OK, r.StatusCode));
        Assert.Single(await slack.IncidentsAsync());
        Assert.Single(slack.Slack.CallsTo("chat.postMessage"), p => p["channel"] == "D0DIRECT01");
    }

    [Fact]
    public async Task Bot_messages_are_ignored_and_mentions_are_commands()
    {
        // The bot message fixture is from another install (authorizations: T_INSTALLED): the workspace is not checked here.
        await using var slack = await SlackHost.StartAsync(null, "--SecBot:Slack:TeamId=");

        using var bot = await slack.EventAsync(SlackFixtures.Text("event_callback.message_channel_bot.json"));
        using var mention = await slack.EventAsync(SlackPayloads.Mention("Ev-mention-1", "U0MAYA0001", "oncall"));
        var posted = await slack.Slack.WaitForAsync("chat.postEphemeral");

        Assert.Equal(HttpStatusCode.OK, bot.StatusCode);
        Assert.Equal(("C0GENERAL", "U0MAYA0001"), (posted[0]["channel"], posted[0]["user"]));
        await slack.WaitForOutboxDrainedAsync();
        Assert.Single(slack.Slack.Calls);
    }

    [Fact]
    public async Task Opening_the_home_tab_publishes_it()
    {
        await using var slack = await SlackHost.StartAsync();
        var home = SlackPayloads.EventCallback("Ev-home-1", new JsonObject { ["type"] = "app_home_opened", ["user"] = "U0MAYA0001", ["channel"] = "D0DIRECT01", ["tab"] = "home", ["event_ts"] = "1.1" });

        using var response = await slack.EventAsync(home);
        var published = Assert.Single(await slack.Slack.WaitForAsync("views.publish"));

        Assert.Equal("U0MAYA0001", published["user_id"]);
        Assert.Equal("home", (string?)published.Json!["view"]!["type"]);
        // What is open, what waits on this person, and the commands.
        var texts = published.Json!["view"]!["blocks"]!.AsArray().Select(b => (string?)b!["text"]?["text"]).OfType<string>().ToList();
        Assert.Contains("No open incidents.", texts);
        Assert.Contains(texts, t => t.StartsWith("Nothing is waiting on you", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Help_and_unknown_commands_answer_ephemerally_and_strangers_are_refused()
    {
        await using var slack = await SlackHost.StartAsync();

        using var help = await slack.CommandAsync("help");
        using var unknown = await slack.CommandAsync("frobnicate");
        using var stranger = await slack.CommandAsync("declare x", userId: "U0STRANGER");

        foreach (var response in new[] { help, unknown, stranger })
        {
            Assert.Equal("ephemeral", (string?)JsonNode.Parse(await response.Content.ReadAsStringAsync())!["response_type"]);
        }

        Assert.Empty(await slack.IncidentsAsync());
    }

    private static IEnumerable<JsonNode> Buttons(RecordedCall post) =>
        post.Json!["blocks"]!.AsArray().Where(b => (string?)b!["type"] == "actions").SelectMany(b => b!["elements"]!.AsArray()).Select(e => e!);
}
