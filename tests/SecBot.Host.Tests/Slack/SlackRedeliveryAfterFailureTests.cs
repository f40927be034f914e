using System.Net;
using System.Text.Json.Nodes;
using SecBot.Chat.Tests.Support;
using SecBot.Domain.Incidents;
using SecBot.Host.Tests.Support;
using SecBot.Slack.Endpoints;
using SecBot.Storage;

namespace SecBot.Host.Tests.Slack;

/// <summary>
/// An idempotency key is recorded before its command runs; when the command then fails, the key is forgotten again
/// (compensation), so Slack's retry of the same delivery is processed rather than taken for a duplicate and lost.
/// The failure is injected by the host's own store (<see cref="SlackHost.Faults"/>), so nothing in the host is replaced.
/// </summary>
public sealed class SlackRedeliveryAfterFailureTests
{
    [Fact]
    public async Task An_event_whose_command_fails_answers_500_keeps_no_key_and_its_retry_is_processed()
    {
        await using var slack = await SlackHost.StartAsync();
        var dm = SlackPayloads.DirectMessage("Ev0FAIL0001", "U0MAYA0001", "declare Phishing wave");
        slack.Faults.FailWhen = StoreChange.Declares;

        using var failed = await slack.EventAsync(dm);

        Assert.Equal(HttpStatusCode.InternalServerError, failed.StatusCode);
        Assert.NotNull(JsonNode.Parse(await failed.Content.ReadAsStringAsync())!["error"]);
        Assert.DoesNotContain(await slack.InboundKeysAsync(), k => k.Source == "slack.event");
        Assert.Empty(await slack.IncidentsAsync());

        slack.Faults.FailWhen = null;
        using var retried = await slack.EventAsync(dm, retryNum: 1);
        using var again = await slack.EventAsync(dm, retryNum: 2);
        await slack.Slack.WaitForAsync("chat.postMessage", 3);
        await slack.WaitForOutboxDrainedAsync();

        Assert.Equal((HttpStatusCode.OK, HttpStatusCode.OK), (retried.StatusCode, again.StatusCode));
        Assert.Single(await slack.IncidentsAsync());
        Assert.Single(await slack.InboundKeysAsync(), k => k.Source == "slack.event" && k.Key == "Ev0FAIL0001");
        Assert.Single(slack.Slack.CallsTo("chat.postMessage"), p => p["channel"] == "D0DIRECT01");
    }

    [Fact]
    public async Task When_only_the_reply_fails_after_the_change_committed_the_key_stays_so_a_retry_does_not_declare_twice()
    {
        await using var slack = await SlackHost.StartAsync();
        var dm = SlackPayloads.DirectMessage("Ev0FAIL0002", "U0MAYA0001", "declare Phishing wave");
        slack.Faults.FailWhen = StoreChange.Queues("slack.post");

        using var first = await slack.EventAsync(dm);
        slack.Faults.FailWhen = null;
        using var retried = await slack.EventAsync(dm, retryNum: 1);
        await slack.WaitForOutboxDrainedAsync();

        Assert.Equal((HttpStatusCode.OK, HttpStatusCode.OK), (first.StatusCode, retried.StatusCode));
        Assert.Single(await slack.IncidentsAsync());
        Assert.Single(await slack.InboundKeysAsync(), k => k.Source == "slack.event" && k.Key == "Ev0FAIL0002");
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
        Assert.Single(await slack.IncidentsAsync());
        using var later = await slack.EventAsync(dm, retryNum: 2);
        Assert.Equal(HttpStatusCode.OK, later.StatusCode);
        Assert.Single(await slack.IncidentsAsync());
    }

    [Fact]
    public async Task A_button_whose_command_fails_answers_500_and_the_same_press_works_once_the_fault_is_gone()
    {
        await using var slack = await SlackHost.StartAsync();
        using var declared = await slack.CommandAsync("declare Suspicious login");
        var paged = (await slack.Slack.WaitForAsync("conversations.open"))[0]["users"]!;
        await slack.WaitForOutboxDrainedAsync();
        var press = SlackPayloads.BlockActions(paged, "incident.ack", "INC-1", "D069C7QFK", "1503435956.000247");
        slack.Faults.FailWhen = StoreChange.ChangesAnIncident;

        using var failed = await slack.ActionAsync(press);

        Assert.Equal(HttpStatusCode.InternalServerError, failed.StatusCode);
        Assert.DoesNotContain(await slack.InboundKeysAsync(), k => k.Source == "slack.action");
        Assert.Equal(IncidentState.Open, (await slack.IncidentAsync(1)).State);

        slack.Faults.FailWhen = null;
        using var pressedAgain = await slack.ActionAsync(press);
        using var doubleClick = await slack.ActionAsync(press);
        await slack.Slack.WaitForUpdatesInAsync("D069C7QFK");
        await slack.WaitForOutboxDrainedAsync();

        Assert.Equal((HttpStatusCode.OK, HttpStatusCode.OK), (pressedAgain.StatusCode, doubleClick.StatusCode));
        Assert.Equal(IncidentState.Acknowledged, (await slack.IncidentAsync(1)).State);
        Assert.Single(slack.Slack.UpdatesIn("D069C7QFK"));
        Assert.Single(await slack.InboundKeysAsync(), k => k.Source == "slack.action");
    }

    [Fact]
    public async Task A_modal_submission_that_fails_stays_open_asking_to_submit_again_and_the_resubmission_counts()
    {
        await using var slack = await SlackHost.StartAsync();
        using var command = await slack.CommandAsync("declare");
        var view = Assert.Single(slack.Slack.CallsTo("views.open")).Json!["view"]!;
        var submit = SlackPayloads.ViewSubmission("U0MAYA0001", (string)view["callback_id"]!, (string)view["private_metadata"]!, new Dictionary<string, string> { ["title"] = "Phishing wave" });
        slack.Faults.FailWhen = StoreChange.Declares;

        using var failed = await slack.ActionAsync(submit);

        var answer = JsonNode.Parse(await failed.Content.ReadAsStringAsync())!;
        Assert.Equal(HttpStatusCode.OK, failed.StatusCode);
        Assert.Equal("errors", (string?)answer["response_action"]);
        Assert.Equal(SlackActionEndpoint.SubmitAgain, (string?)answer["errors"]!["title"]);

        slack.Faults.FailWhen = null;
        using var resubmitted = await slack.ActionAsync(submit);

        Assert.Equal(HttpStatusCode.OK, resubmitted.StatusCode);
        Assert.Equal("", await resubmitted.Content.ReadAsStringAsync());
        Assert.Single(await slack.IncidentsAsync());
    }
}
