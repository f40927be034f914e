using System.Globalization;
using Microsoft.AspNetCore.Http;
using System.Net;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json.Nodes;
using SecBot.Chat.Tests.Support;
using SecBot.Host.Tests.Slack;
using SecBot.Host.Tests.Support;

namespace SecBot.Host.Tests.GateApi;

/// <summary>
/// A gate's decision POSTed to its <c>callback_url</c> through the outbox: signed with the API key (checked here with
/// the HMAC computed from scratch), retried after the receiver fails, and committed with the decision or not at all.
/// </summary>
public sealed class GateCallbackTests
{
    // A quick first retry, so the dispatcher's own backoff (not the test) paces the retry after a 500.
    private static readonly string[] Settings = GateApiClient.Settings("--SecBot:Delivery:FirstBackoff=00:00:00.05");

    [Fact]
    public async Task An_approval_is_posted_to_the_callback_signed_with_the_key_and_retried_after_a_500()
    {
        await using var receiver = await CallbackReceiver.StartAsync(StatusCodes.Status500InternalServerError);
        await using var slack = await SlackHost.StartAsync(null, Settings);
        var who = GateReviewers.Of(slack.Host.App.Services, slack.Now);
        using var opened = await slack.Host.OpenAsync(GateApiClient.Gate(who.Type, "payments v2.3", who.Requester.Id, receiver.Url.ToString()));

        Assert.Equal(1, who.SignOffsToApprove);
        using var approved = await slack.CommandAsync("approve REV-1", userId: who.Reviewer.SlackUserId);
        var failed = await receiver.NextAsync();
        var delivered = await receiver.NextAsync();

        Assert.Equal(StatusCodes.Status500InternalServerError, failed.AnsweredWith);
        Assert.Equal(StatusCodes.Status200OK, delivered.AnsweredWith);
        Assert.Equal(failed.Body, delivered.Body);
        AssertSignedWithTheKey(delivered, slack.Now);
        AssertSignedWithTheKey(failed, slack.Now);
        Assert.Equal("application/json", delivered.Headers["Content-Type"].Split(';')[0]);
        var body = JsonNode.Parse(delivered.Body)!.AsObject();
        using var read = await slack.Host.GetGateAsync("REV-1");
        Assert.Equal((await read.JsonAsync()).ToJsonString(), body.ToJsonString());
        Assert.Equal("approved", (string?)body["state"]);

        var counts = await slack.WaitForOutboxDrainedAsync();
        Assert.Equal(0, counts.Dead);
        Assert.Single(await slack.OutboxEntriesAsync(), m => m.Kind == "gate.callback");
    }

    [Fact]
    public async Task A_rejection_is_posted_as_changes_requested()
    {
        await using var receiver = await CallbackReceiver.StartAsync();
        await using var slack = await SlackHost.StartAsync(null, Settings);
        var who = GateReviewers.Of(slack.Host.App.Services, slack.Now);
        using var opened = await slack.Host.OpenAsync(GateApiClient.Gate(who.Type, "payments v2.3", who.Requester.Id, receiver.Url.ToString()));

        using var rejected = await slack.CommandAsync("reject REV-1 the rollback plan is missing", userId: who.Reviewer.SlackUserId);
        var received = await receiver.NextAsync();

        AssertSignedWithTheKey(received, slack.Now);
        var body = JsonNode.Parse(received.Body)!;
        Assert.Equal("changes-requested", (string?)body["state"]);
        Assert.Contains(body["seats"]!.AsArray(), s => (string?)s!["signed_by"] == who.Reviewer.Id && (string?)s["decision"] == "reject");
    }

    [Fact]
    public async Task A_decision_that_fails_to_commit_queues_no_callback()
    {
        await using var receiver = await CallbackReceiver.StartAsync();
        await using var slack = await SlackHost.StartAsync(null, Settings);
        var who = GateReviewers.Of(slack.Host.App.Services, slack.Now);
        using var opened = await slack.Host.OpenAsync(GateApiClient.Gate(who.Type, "payments v2.3", who.Requester.Id, receiver.Url.ToString()));
        await slack.WaitForOutboxDrainedAsync();
        slack.Faults.FailWhen = StoreChange.Queues("gate.callback");

        using var rejected = await slack.CommandAsync("reject REV-1 the rollback plan is missing", userId: who.Reviewer.SlackUserId);

        Assert.Equal("open", (string?)(await (await slack.Host.GetGateAsync("REV-1")).JsonAsync())["state"]);
        Assert.DoesNotContain(await slack.OutboxEntriesAsync(), m => m.Kind == "gate.callback");
    }

    [Fact]
    public async Task A_callback_the_receiver_refuses_is_dead_lettered_and_noted_on_the_gates_timeline()
    {
        await using var receiver = await CallbackReceiver.StartAsync(StatusCodes.Status404NotFound);
        await using var slack = await SlackHost.StartAsync(null, Settings);
        var who = GateReviewers.Of(slack.Host.App.Services, slack.Now);
        using var opened = await slack.Host.OpenAsync(GateApiClient.Gate(who.Type, "payments v2.3", who.Requester.Id, receiver.Url.ToString()));

        using var rejected = await slack.CommandAsync("reject REV-1 the rollback plan is missing", userId: who.Reviewer.SlackUserId);
        Assert.Equal(StatusCodes.Status404NotFound, (await receiver.NextAsync()).AnsweredWith);
        var counts = await slack.WaitForOutboxDrainedAsync();

        Assert.Equal(1, counts.Dead);
        var note = Assert.Single(await slack.Store.GateTimelineAsync(1), e => e.Kind == "delivery-failed");
        Assert.Contains("answered 404", note.Detail, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_refused_callback_names_only_its_scheme_and_host_in_errors_status_and_the_timeline()
    {
        const string pathSecret = "T0SECRETPATHTOKEN";
        const string userSecret = "hunter2password";
        await using var receiver = await CallbackReceiver.StartAsync();
        await using var slack = await SlackHost.StartAsync(null, Settings);
        var who = GateReviewers.Of(slack.Host.App.Services, slack.Now);
        // The receiver answers 404 to any path but its hook.
        var url = $"http://ci:{userSecret}@{receiver.Url.Authority}/hooks/{pathSecret}?token={pathSecret}";
        using var opened = await slack.Host.OpenAsync(GateApiClient.Gate(who.Type, "payments v2.3", who.Requester.Id, url));
        Assert.Equal(HttpStatusCode.Created, opened.StatusCode);

        using var rejected = await slack.CommandAsync("reject REV-1 the rollback plan is missing", userId: who.Reviewer.SlackUserId);
        Assert.Equal(1, (await slack.WaitForOutboxDrainedAsync()).Dead);

        var dead = Assert.Single(await slack.OutboxEntriesAsync(), m => m.Kind == "gate.callback");
        Assert.Equal($"callback for REV-1 to http://{receiver.Url.Authority} answered 404 Not Found", dead.LastError);
        var note = Assert.Single(await slack.Store.GateTimelineAsync(1), e => e.Kind == "delivery-failed");
        using var ready = await slack.Host.Http.GetAsync(new Uri("/readyz", UriKind.Relative));
        foreach (var text in new[] { dead.LastError!, $"{note.Detail}", await ready.Content.ReadAsStringAsync() })
        {
            Assert.DoesNotContain(pathSecret, text, StringComparison.Ordinal);
            Assert.DoesNotContain(userSecret, text, StringComparison.Ordinal);
        }
    }

    /// <summary>The signature recomputed here from the key, the timestamp header and the raw body, as a receiver would check it.</summary>
    private static void AssertSignedWithTheKey(ReceivedCallback callback, DateTimeOffset now)
    {
        var timestamp = callback.Headers["X-SecBot-Request-Timestamp"];
        var sentAt = DateTimeOffset.FromUnixTimeSeconds(long.Parse(timestamp, NumberStyles.None, CultureInfo.InvariantCulture));
        Assert.InRange(now - sentAt, TimeSpan.Zero, TimeSpan.FromMinutes(5));
        var signed = Encoding.UTF8.GetBytes($"v0:{timestamp}:").Concat(callback.Body).ToArray();
        var expected = "v0=" + Convert.ToHexStringLower(HMACSHA256.HashData(Encoding.UTF8.GetBytes(GateApiClient.Key), signed));
        Assert.Equal(expected, callback.Headers["X-SecBot-Signature"]);
    }
}
