using SecBot.Domain.Incidents;
using System.Net;
using System.Text.Json.Nodes;
using SecBot.Testing.Slack;

namespace SecBot.Host.Tests.Slack;

/// <summary>
/// How presses and submissions are told apart and answered: idempotency keys that do not collide, refusals that can
/// be retried, buttons on ephemeral messages answered through response_url, and modals opened with no write first.
/// </summary>
public sealed class SlackButtonAnswerTests
{
    private const string PagedDm = "D069C7QFK";

    [Fact]
    public async Task A_refused_modal_submission_made_again_with_the_same_values_is_answered_again()
    {
        await using var slack = await SlackHost.StartAsync();
        using var command = await slack.CommandAsync("declare");
        var view = Assert.Single(slack.Slack.CallsTo("views.open")).Json!["view"]!;
        var submit = SlackPayloads.ViewSubmission("U0MAYA0001", (string)view["callback_id"]!, (string)view["private_metadata"]!, new Dictionary<string, string> { ["title"] = "Phish", ["level"] = "L9" });

        using var first = await slack.ActionAsync(submit);
        using var again = await slack.ActionAsync(submit);

        foreach (var answer in new[] { first, again })
        {
            Assert.Equal(HttpStatusCode.OK, answer.StatusCode);
            Assert.Equal("errors", (string?)JsonNode.Parse(await answer.Content.ReadAsStringAsync())!["response_action"]);
        }

        Assert.DoesNotContain(await slack.InboundKeysAsync(), k => k.Source != "slack.command");
        Assert.Empty(await slack.IncidentsAsync());
    }

    [Fact]
    public async Task A_refused_button_press_made_again_is_answered_again()
    {
        await using var slack = await SlackHost.StartAsync();
        var press = SlackPayloads.BlockActions("U0MAYA0001", "incident.ack", "INC-404", "C0GENERAL", "1503435956.000247");

        using var first = await slack.ActionAsync(press);
        using var again = await slack.ActionAsync(press);

        Assert.Equal(HttpStatusCode.OK, again.StatusCode);
        Assert.Equal(2, (await slack.Slack.WaitForAsync("chat.postEphemeral", 2)).Count);
        Assert.DoesNotContain(await slack.InboundKeysAsync(), k => k.Source != "slack.command");
    }

    [Fact]
    public async Task Presses_without_action_ts_or_trigger_id_on_different_messages_do_not_collide()
    {
        await using var slack = await SlackHost.StartAsync();
        using var one = await slack.CommandAsync("declare Suspicious login");
        using var two = await slack.CommandAsync("declare Phishing wave");
        var paged = (await slack.Slack.WaitForAsync("conversations.open"))[0]["users"]!;
        await slack.WaitForOutboxDrainedAsync();

        using var first = await slack.ActionAsync(SlackPayloads.BlockActionsWithoutPressIds(paged, "incident.ack", "INC-1", PagedDm, "1503435956.000247"));
        using var second = await slack.ActionAsync(SlackPayloads.BlockActionsWithoutPressIds(paged, "incident.ack", "INC-2", PagedDm, "1503435956.000248"));

        var updates = await slack.Slack.WaitForUpdatesInAsync(PagedDm, 2);
        Assert.Equal(["1503435956.000247", "1503435956.000248"], updates.Select(u => u["ts"]).Order(StringComparer.Ordinal));
        Assert.Equal(2, (await slack.IncidentsAsync()).Count(i => i.State == IncidentState.Acknowledged));
    }

    [Fact]
    public async Task A_button_on_an_ephemeral_message_replaces_it_through_response_url_and_never_calls_chat_update()
    {
        await using var slack = await SlackHost.StartAsync();
        using var declared = await slack.CommandAsync("declare Suspicious login");
        var paged = (await slack.Slack.WaitForAsync("conversations.open"))[0]["users"]!;
        await slack.WaitForOutboxDrainedAsync();

        using var pressed = await slack.ActionAsync(SlackPayloads.EphemeralBlockActions(paged, "incident.ack", "INC-1", "C0GENERAL", "1503435956.000249", slack.Slack.ResponseUrl()));

        Assert.Equal(HttpStatusCode.OK, pressed.StatusCode);
        var respond = Assert.Single(await slack.Slack.WaitForAsync(FakeSlackServer.ResponseUrlMethod));
        Assert.True((bool?)respond.Json!["replace_original"]);
        Assert.Contains("acknowledged", respond.Body, StringComparison.OrdinalIgnoreCase);
        Assert.True(string.IsNullOrEmpty(respond.Authorization), "the bot token must not go to a response_url");
        var counts = await slack.WaitForOutboxDrainedAsync();
        Assert.Equal(0, counts.Dead);
        Assert.Empty(slack.Slack.UpdatesIn("C0GENERAL"));
    }

    [Fact]
    public async Task A_button_on_an_ephemeral_message_with_a_foreign_response_url_falls_back_to_an_ephemeral_reply()
    {
        await using var slack = await SlackHost.StartAsync();
        using var declared = await slack.CommandAsync("declare Suspicious login");
        var paged = (await slack.Slack.WaitForAsync("conversations.open"))[0]["users"]!;
        await slack.WaitForOutboxDrainedAsync();

        using var pressed = await slack.ActionAsync(SlackPayloads.EphemeralBlockActions(paged, "incident.ack", "INC-1", "C0GENERAL", "1503435956.000249", "https://evil.example/hooks/T111/1/x"));

        var ephemeral = Assert.Single(await slack.Slack.WaitForAsync("chat.postEphemeral"));
        Assert.Equal(("C0GENERAL", paged), (ephemeral["channel"], ephemeral["user"]));
        Assert.Contains("acknowledged", ephemeral.Body, StringComparison.OrdinalIgnoreCase);
        Assert.Equal(0, (await slack.WaitForOutboxDrainedAsync()).Dead);
        Assert.Empty(slack.Slack.UpdatesIn("C0GENERAL"));
        Assert.Empty(slack.Slack.CallsTo(FakeSlackServer.ResponseUrlMethod));
    }

    [Fact]
    public async Task A_button_that_only_opens_a_modal_calls_views_open_and_records_no_key()
    {
        await using var slack = await SlackHost.StartAsync();
        using var declared = await slack.CommandAsync("declare Suspicious login");
        var paged = (await slack.Slack.WaitForAsync("conversations.open"))[0]["users"]!;
        var dm = (await slack.Slack.WaitForAsync("chat.postMessage", 2)).Single(p => p["channel"] == PagedDm);
        var resolve = dm.Json!["blocks"]!.AsArray().Where(b => (string?)b!["type"] == "actions").SelectMany(b => b!["elements"]!.AsArray()).Single(e => (string?)e!["action_id"] == "incident.resolve")!;
        var press = SlackPayloads.BlockActions(paged, "incident.resolve", (string)resolve["value"]!, PagedDm, "1503435956.000247");

        using var first = await slack.ActionAsync(press);
        using var again = await slack.ActionAsync(press);

        Assert.Equal(HttpStatusCode.OK, first.StatusCode);
        Assert.Equal(2, (await slack.Slack.WaitForAsync("views.open", 2)).Count);
        Assert.DoesNotContain(await slack.InboundKeysAsync(), k => k.Source != "slack.command");
    }
}
