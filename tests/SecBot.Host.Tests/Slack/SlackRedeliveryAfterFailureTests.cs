using System.Net;
using System.Text.Json.Nodes;
using SecBot.Slack.Endpoints;
using SecBot.Storage;

namespace SecBot.Host.Tests.Slack;

/// <summary>
/// An idempotency key is recorded before its command runs; when the command then fails, the key is forgotten again
/// (compensation), so Slack's retry of the same delivery is processed rather than taken for a duplicate and lost.
/// The failure is injected with a trigger in the host's own database, so nothing in the host is replaced.
/// </summary>
public sealed class SlackRedeliveryAfterFailureTests
{
    private const string FailDeclares = "CREATE TRIGGER inject_failure BEFORE INSERT ON incidents BEGIN SELECT RAISE(ABORT, 'injected failure'); END";
    private const string FailIncidentChanges = "CREATE TRIGGER inject_failure BEFORE UPDATE ON incidents BEGIN SELECT RAISE(ABORT, 'injected failure'); END";
    private const string Heal = "DROP TRIGGER inject_failure";

    [Fact]
    public async Task An_event_whose_command_fails_answers_500_keeps_no_key_and_its_retry_is_processed()
    {
        await using var slack = await SlackHost.StartAsync();
        var dm = SlackPayloads.DirectMessage("Ev0FAIL0001", "U0MAYA0001", "declare Phishing wave");
        await slack.ExecuteAsync(FailDeclares);

        using var failed = await slack.EventAsync(dm);

        Assert.Equal(HttpStatusCode.InternalServerError, failed.StatusCode);
        Assert.NotNull(JsonNode.Parse(await failed.Content.ReadAsStringAsync())!["error"]);
        Assert.Equal(0, await slack.CountAsync("inbound_keys WHERE source = 'slack.event'"));
        Assert.Equal(0, await slack.CountAsync("incidents"));

        await slack.ExecuteAsync(Heal);
        using var retried = await slack.EventAsync(dm, retryNum: 1);
        using var again = await slack.EventAsync(dm, retryNum: 2);
        await slack.Slack.WaitForAsync("chat.postMessage", 3);
        await slack.WaitForOutboxDrainedAsync();

        Assert.Equal((HttpStatusCode.OK, HttpStatusCode.OK), (retried.StatusCode, again.StatusCode));
        Assert.Equal(1, await slack.CountAsync("incidents"));
        Assert.Equal(1, await slack.CountAsync("inbound_keys WHERE source = 'slack.event' AND key = 'Ev0FAIL0001'"));
        Assert.Single(slack.Slack.CallsTo("chat.postMessage"), p => p["channel"] == "D0DIRECT01");
    }

    [Fact]
    public async Task When_only_the_reply_fails_after_the_change_committed_the_key_stays_so_a_retry_does_not_declare_twice()
    {
        await using var slack = await SlackHost.StartAsync();
        var dm = SlackPayloads.DirectMessage("Ev0FAIL0002", "U0MAYA0001", "declare Phishing wave");
        await slack.ExecuteAsync("CREATE TRIGGER inject_failure BEFORE INSERT ON outbox WHEN NEW.kind = 'slack.post' BEGIN SELECT RAISE(ABORT, 'injected failure'); END");

        using var first = await slack.EventAsync(dm);
        await slack.ExecuteAsync(Heal);
        using var retried = await slack.EventAsync(dm, retryNum: 1);
        await slack.WaitForOutboxDrainedAsync();

        Assert.Equal((HttpStatusCode.OK, HttpStatusCode.OK), (first.StatusCode, retried.StatusCode));
        Assert.Equal(1, await slack.CountAsync("incidents"));
        Assert.Equal(1, await slack.CountAsync("inbound_keys WHERE source = 'slack.event' AND key = 'Ev0FAIL0002'"));
    }

    [Fact]
    public async Task A_redelivery_while_the_first_is_still_being_handled_answers_503_so_slack_tries_again_later()
    {
        await using var slack = await SlackHost.StartAsync();
        var dm = SlackPayloads.DirectMessage("Ev0SLOW0001", "U0MAYA0001", "declare Phishing wave");
        var release = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var store = slack.Host.App.Services.GetRequiredService<IStore>();
        var holdingTheWriter = store.WriteAsync(_ => release.Task, CancellationToken.None);

        // Both deliveries wait for the writer; whichever came first is the one being handled, the other is told 503.
        var first = slack.EventAsync(dm);
        var retry = slack.EventAsync(dm, retryNum: 1);
        var told = await Task.WhenAny(first, retry).WaitAsync(TimeSpan.FromSeconds(20));
        release.SetResult();
        await holdingTheWriter;
        using var handled = await (told == first ? retry : first);
        using var refused = await told;

        Assert.Equal(HttpStatusCode.ServiceUnavailable, refused.StatusCode);
        Assert.Equal(HttpStatusCode.OK, handled.StatusCode);
        Assert.Equal(1, await slack.CountAsync("incidents"));
        using var later = await slack.EventAsync(dm, retryNum: 2);
        Assert.Equal(HttpStatusCode.OK, later.StatusCode);
        Assert.Equal(1, await slack.CountAsync("incidents"));
    }

    [Fact]
    public async Task A_button_whose_command_fails_answers_500_and_the_same_press_works_once_the_fault_is_gone()
    {
        await using var slack = await SlackHost.StartAsync();
        using var declared = await slack.CommandAsync("declare Suspicious login");
        var paged = (await slack.Slack.WaitForAsync("conversations.open"))[0]["users"]!;
        await slack.WaitForOutboxDrainedAsync();
        var press = SlackPayloads.BlockActions(paged, "incident.ack", "INC-1", "D069C7QFK", "1503435956.000247");
        await slack.ExecuteAsync(FailIncidentChanges);

        using var failed = await slack.ActionAsync(press);

        Assert.Equal(HttpStatusCode.InternalServerError, failed.StatusCode);
        Assert.Equal(0, await slack.CountAsync("inbound_keys WHERE source = 'slack.action'"));
        Assert.Equal("open", await slack.ScalarAsync<string>("SELECT state FROM incidents WHERE id = 1"));

        await slack.ExecuteAsync(Heal);
        using var pressedAgain = await slack.ActionAsync(press);
        using var doubleClick = await slack.ActionAsync(press);
        await slack.Slack.WaitForUpdatesInAsync("D069C7QFK");
        await slack.WaitForOutboxDrainedAsync();

        Assert.Equal((HttpStatusCode.OK, HttpStatusCode.OK), (pressedAgain.StatusCode, doubleClick.StatusCode));
        Assert.Equal("acknowledged", await slack.ScalarAsync<string>("SELECT state FROM incidents WHERE id = 1"));
        Assert.Single(slack.Slack.UpdatesIn("D069C7QFK"));
        Assert.Equal(1, await slack.CountAsync("inbound_keys WHERE source = 'slack.action'"));
    }

    [Fact]
    public async Task A_modal_submission_that_fails_stays_open_asking_to_submit_again_and_the_resubmission_counts()
    {
        await using var slack = await SlackHost.StartAsync();
        using var command = await slack.CommandAsync("declare");
        var view = Assert.Single(slack.Slack.CallsTo("views.open")).Json!["view"]!;
        var submit = SlackPayloads.ViewSubmission("U0MAYA0001", (string)view["callback_id"]!, (string)view["private_metadata"]!, new Dictionary<string, string> { ["title"] = "Phishing wave" });
        await slack.ExecuteAsync(FailDeclares);

        using var failed = await slack.ActionAsync(submit);

        var answer = JsonNode.Parse(await failed.Content.ReadAsStringAsync())!;
        Assert.Equal(HttpStatusCode.OK, failed.StatusCode);
        Assert.Equal("errors", (string?)answer["response_action"]);
        Assert.Equal(SlackActionEndpoint.SubmitAgain, (string?)answer["errors"]!["title"]);

        await slack.ExecuteAsync(Heal);
        using var resubmitted = await slack.ActionAsync(submit);

        Assert.Equal(HttpStatusCode.OK, resubmitted.StatusCode);
        Assert.Equal("", await resubmitted.Content.ReadAsStringAsync());
        Assert.Equal(1, await slack.CountAsync("incidents"));
    }
}
