using System.Net;
using System.Text.Json.Nodes;
using SecBot.Chat.Tests.Support;
using SecBot.Domain.Reviews;
using SecBot.Host.Tests.Support;
using SecBot.Storage.Ledger;
using SecBot.Testing.Slack;

namespace SecBot.Host.Tests.Slack;

/// <summary>
/// Review buttons over the real host: Approve is one click (chat.update, no modal) where the gate type has no checklist;
/// whoever may not act is refused privately before any modal opens; a checklist form is titled for people; and a press's
/// chat.update commits with its state change, so a crash between the two keeps neither.
/// </summary>
public sealed class SlackReviewButtonTests
{
    private const string Diego = "U0DIEGO004";
    private const string Amara = "U0AMARA007";
    private const string Dm = "D069C7QFK";

    [Fact]
    public async Task Approve_on_a_gate_type_without_a_checklist_updates_the_message_at_once_without_a_modal()
    {
        await using var slack = await SlackHost.StartAsync();
        var approve = await ButtonSentAsync(slack, "review new-microservice Payments API v2", "gate.approve", "REV-1@1/1/SecArch");
        Assert.False(approve.StartsWith("form:", StringComparison.Ordinal), approve);

        using var pressed = await slack.ActionAsync(SlackPayloads.BlockActions(Amara, "gate.approve", approve, Dm, "1503435956.000300"));

        Assert.Equal(HttpStatusCode.OK, pressed.StatusCode);
        var update = await slack.Slack.WaitForAsync("chat.update", c => c["ts"] == "1503435956.000300");
        Assert.Contains("Approved by Amara Osei", update.Body, StringComparison.Ordinal);
        Assert.Empty(slack.Slack.CallsTo("views.open"));
        Assert.Single(await slack.LedgerAsync(), r => r.Kind == LedgerRecord.SignOffKind && r.PersonId == "amara" && r.Decision == LedgerDecisions.Approve);
    }

    [Fact]
    public async Task The_requester_pressing_a_reviewers_Reject_is_refused_privately_at_once_and_no_modal_opens()
    {
        await using var slack = await SlackHost.StartAsync();
        var reject = await ButtonSentAsync(slack, "review new-microservice Payments API v2", "gate.reject", "REV-1@1/1/SecArch");

        // A forwarded request, pressed in a channel by the requester himself.
        using var pressed = await slack.ActionAsync(SlackPayloads.BlockActions(Diego, "gate.reject", reject, "C0GENERAL", "1503435956.000301"));

        Assert.Equal(HttpStatusCode.OK, pressed.StatusCode);
        var refusal = await slack.Slack.WaitForAsync("chat.postEphemeral", c => c["user"] == Diego);
        Assert.Contains("Separation of duties: you requested REV-1, so you cannot reject it", refusal.Body, StringComparison.Ordinal);
        Assert.Empty(slack.Slack.CallsTo("views.open"));
        Assert.DoesNotContain(await slack.LedgerAsync(), r => r.Kind == LedgerRecord.SignOffKind);
        Assert.DoesNotContain(await slack.InboundKeysAsync(), k => k.Source != "slack.command");
    }

    [Fact]
    public async Task A_checklist_Approve_opens_its_form_titled_without_internal_syntax()
    {
        await using var slack = await SlackHost.StartAsync();
        var approve = await ButtonSentAsync(slack, "review high-risk-deploy Payments API v2", "gate.approve", "REV-1@1/1/SecArch");

        using var pressed = await slack.ActionAsync(SlackPayloads.BlockActions(Amara, "gate.approve", approve, Dm, "1503435956.000302"));

        var view = Assert.Single(await slack.Slack.WaitForAsync("views.open")).Json!["view"]!;
        Assert.Equal("Approve REV-1", (string?)view["title"]!["text"]);
        Assert.DoesNotContain("REV-1@", view["blocks"]!.ToJsonString(), StringComparison.Ordinal);
        Assert.Contains(view["blocks"]!.AsArray(), b => (string?)b!["block_id"] == "checklist" && (bool?)b["optional"] == false);
    }

    [Fact]
    public async Task A_crash_between_the_sign_off_and_its_chat_update_keeps_neither_and_the_press_can_be_made_again()
    {
        await using var slack = await SlackHost.StartAsync();
        var approve = await ButtonSentAsync(slack, "review new-microservice Payments API v2", "gate.approve", "REV-1@1/1/SecArch");
        await slack.WaitForOutboxDrainedAsync();
        slack.Faults.FailWhen = StoreChange.Queues("slack.update");
        var press = SlackPayloads.BlockActions(Amara, "gate.approve", approve, Dm, "1503435956.000303");

        using var failed = await slack.ActionAsync(press);

        Assert.Equal(HttpStatusCode.InternalServerError, failed.StatusCode);
        Assert.DoesNotContain(await slack.LedgerAsync(), r => r.Kind == LedgerRecord.SignOffKind);
        Assert.Equal(1, (await slack.Store.GatesAsync()).Single(g => g.Number == 1).StageNumber);
        Assert.DoesNotContain(await slack.OutboxEntriesAsync(), m => m.Kind == "slack.update");
        Assert.DoesNotContain(await slack.InboundKeysAsync(), k => k.Source != "slack.command");

        slack.Faults.FailWhen = null;
        using var retried = await slack.ActionAsync(press);

        Assert.Equal(HttpStatusCode.OK, retried.StatusCode);
        await slack.Slack.WaitForAsync("chat.update", c => c["ts"] == "1503435956.000303");
        Assert.Single(await slack.LedgerAsync(), r => r.Kind == LedgerRecord.SignOffKind && r.PersonId == "amara");
        Assert.Single(await slack.OutboxEntriesAsync(), m => m.Kind == "slack.update");
    }

    /// <summary>Opens a gate by slash command as Diego and returns the value of the button sent in a review request.</summary>
    private static async Task<string> ButtonSentAsync(SlackHost slack, string command, string actionId, string valuePrefix)
    {
        using var opened = await slack.CommandAsync(command, userId: Diego);
        Assert.Equal(HttpStatusCode.OK, opened.StatusCode);
        var request = await slack.Slack.WaitForAsync("chat.postMessage", c => Buttons(c).Any(b => (string?)b["action_id"] == actionId && Value(b).Contains(valuePrefix, StringComparison.Ordinal)));
        return Value(Buttons(request).First(b => (string?)b["action_id"] == actionId && Value(b).Contains(valuePrefix, StringComparison.Ordinal)));
    }

    private static IEnumerable<JsonNode> Buttons(RecordedCall call) =>
        call.Json?["blocks"]?.AsArray().Where(b => (string?)b!["type"] == "actions").SelectMany(b => b!["elements"]!.AsArray()).OfType<JsonNode>() ?? [];

    private static string Value(JsonNode button) => (string?)button["value"] ?? "";
}
