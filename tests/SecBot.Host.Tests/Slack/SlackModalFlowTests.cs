using System.Net;
using System.Text.Json.Nodes;
using SecBot.Testing.Slack;

namespace SecBot.Host.Tests.Slack;

/// <summary>Modals: <c>declare</c> with no arguments, and buttons that ask for inputs (slack-protocol.md §3, §5).</summary>
public sealed class SlackModalFlowTests
{
    [Fact]
    public async Task Declare_with_no_arguments_opens_the_declare_modal_with_the_commands_trigger_id()
    {
        await using var slack = await SlackHost.StartAsync();

        using var response = await slack.CommandAsync("declare", triggerId: "13345224609.738474920.8088930838d88f008e0");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("", await response.Content.ReadAsStringAsync());
        var open = Assert.Single(slack.Slack.CallsTo("views.open"));
        Assert.Equal("13345224609.738474920.8088930838d88f008e0", open["trigger_id"]);
        var view = open.Json!["view"]!;
        Assert.Equal("modal", (string?)view["type"]);
        Assert.Contains(view["blocks"]!.AsArray(), b => (string?)b!["block_id"] == "title");
    }

    [Fact]
    public async Task When_the_modal_cannot_open_the_caller_is_told_to_type_the_command()
    {
        await using var slack = await SlackHost.StartAsync(s => s.Script("views.open", FakeResponse.Fixture("web.views.open.error_invalid_arguments.json")));

        using var response = await slack.CommandAsync("declare");

        var body = JsonNode.Parse(await response.Content.ReadAsStringAsync())!;
        Assert.Equal("ephemeral", (string?)body["response_type"]);
        Assert.Contains("declare Suspicious login", (string?)body["text"], StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_declare_submission_without_a_title_keeps_the_modal_open_with_an_error_then_a_title_declares()
    {
        await using var slack = await SlackHost.StartAsync();
        using var command = await slack.CommandAsync("declare");
        var view = Assert.Single(slack.Slack.CallsTo("views.open")).Json!["view"]!;
        var metadata = (string)view["private_metadata"]!;
        var callback = (string)view["callback_id"]!;

        using var blank = await slack.ActionAsync(SlackPayloads.ViewSubmission("U0MAYA0001", callback, metadata, new Dictionary<string, string> { ["title"] = "  " }));
        var errors = JsonNode.Parse(await blank.Content.ReadAsStringAsync())!;
        Assert.Equal("errors", (string?)errors["response_action"]);
        Assert.NotNull(errors["errors"]!["title"]);
        Assert.Empty(await slack.IncidentsAsync());

        using var badLevel = await slack.ActionAsync(SlackPayloads.ViewSubmission("U0MAYA0001", callback, metadata, new Dictionary<string, string> { ["title"] = "Phish", ["level"] = "L9" }));
        Assert.Equal("errors", (string?)JsonNode.Parse(await badLevel.Content.ReadAsStringAsync())!["response_action"]);

        using var good = await slack.ActionAsync(SlackPayloads.ViewSubmission("U0MAYA0001", callback, metadata, new Dictionary<string, string> { ["title"] = "level:L3 is in the title", ["level"] = "L2" }));
        Assert.Equal(HttpStatusCode.OK, good.StatusCode);
        Assert.Equal("", await good.Content.ReadAsStringAsync());
        Assert.Single(await slack.IncidentsAsync());
        Assert.Single(await slack.IncidentsAsync(), i => i.Title == "level:L3 is in the title" && i.Level == "L2");
        var reply = await slack.Slack.WaitForAsync("chat.postMessage", p => p["channel"] == "C0GENERAL");
        Assert.Contains("INC-1", reply["text"], StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_button_that_asks_for_inputs_opens_a_modal_whose_submission_acts_and_updates_the_message()
    {
        await using var slack = await SlackHost.StartAsync();
        using var declared = await slack.CommandAsync("declare Suspicious login");
        var paged = (await slack.Slack.WaitForAsync("conversations.open"))[0]["users"]!;
        var dm = (await slack.Slack.WaitForAsync("chat.postMessage", 2)).Single(p => p["channel"] == "D069C7QFK");
        var resolve = dm.Json!["blocks"]!.AsArray().Where(b => (string?)b!["type"] == "actions").SelectMany(b => b!["elements"]!.AsArray()).Single(e => (string?)e!["action_id"] == "incident.resolve")!;

        using var pressed = await slack.ActionAsync(SlackPayloads.BlockActions(paged, "incident.resolve", (string)resolve["value"]!, "D069C7QFK", "1503435956.000247"));
        var view = Assert.Single(await slack.Slack.WaitForAsync("views.open")).Json!["view"]!;
        Assert.Equal("summary", (string?)view["blocks"]!.AsArray().Last()!["block_id"]);

        using var submitted = await slack.ActionAsync(SlackPayloads.ViewSubmission(paged, (string)view["callback_id"]!, (string)view["private_metadata"]!, new Dictionary<string, string> { ["summary"] = "False positive" }));

        Assert.Equal("", await submitted.Content.ReadAsStringAsync());
        var update = Assert.Single(await slack.Slack.WaitForUpdatesInAsync("D069C7QFK"));
        Assert.Equal(("D069C7QFK", "1503435956.000247"), (update["channel"], update["ts"]));
        Assert.Contains("False positive", update.Body, StringComparison.Ordinal);
    }
}
