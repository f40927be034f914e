using SecBot.Slack.BlockKit;
using SecBot.Slack.Rendering;
using SecBot.Testing.Slack;

namespace SecBot.Slack.Tests.WebApi;

/// <summary>The Web API calling conventions of slack-protocol.md §6, checked on the wire against a fake Slack.</summary>
public sealed class SlackWebApiClientTests
{
    private static readonly MessageContent Hello = new("hello", [new SectionBlock { Text = TextObject.Mrkdwn("hello") }]);

    [Fact]
    public async Task PostMessage_sends_json_with_the_bot_token_and_reads_the_documented_answer()
    {
        await using var harness = await SlackApiHarness.StartAsync();

        var result = await harness.Client.PostMessageAsync("C1", Hello, "1.5", CancellationToken.None);

        Assert.True(result.IsSuccess);
        Assert.Equal("1503435956.000247", result.Value.Ts);
        var call = Assert.Single(harness.Slack.Calls);
        Assert.Equal(("chat.postMessage", "POST"), (call.Method, call.HttpMethod));
        Assert.Equal("Bearer " + SlackApiHarness.Token, call.Authorization);
        Assert.Equal("application/json; charset=utf-8", call.ContentType);
        Assert.Equal(("C1", "hello", "1.5"), (call["channel"], call["text"], call["thread_ts"]));
        Assert.Equal("section", (string?)call.Json!["blocks"]![0]!["type"]);
    }

    [Fact]
    public async Task Update_ephemeral_open_views_and_publish_use_their_methods()
    {
        await using var harness = await SlackApiHarness.StartAsync();
        var client = harness.Client;
        var modal = ModalRenderer.Render("Form", null, new ModalState(ModalState.FormKind, "declare"), new ModalMetadata("secret"));

        Assert.True((await client.UpdateMessageAsync("C1", "1.2", Hello, CancellationToken.None)).IsSuccess);
        Assert.True((await client.PostEphemeralAsync("C1", "U1", Hello, null, CancellationToken.None)).IsSuccess);
        Assert.Equal("D069C7QFK", (await client.OpenDirectMessageAsync("U1", CancellationToken.None)).Value!.Channel!.Id);
        Assert.Equal("VMHU10V25", (await client.OpenViewAsync("trig", modal, CancellationToken.None)).Value!.View!.Id);
        Assert.True((await client.PublishHomeAsync("U1", HomeTabRenderer.Render("s", "u"), null, CancellationToken.None)).IsSuccess);

        var calls = harness.Slack.Calls;
        Assert.Equal(["chat.update", "chat.postEphemeral", "conversations.open", "views.open", "views.publish"], calls.Select(c => c.Method));
        Assert.Equal(("C1", "1.2"), (calls[0]["channel"], calls[0]["ts"]));
        Assert.Equal("U1", calls[1]["user"]);
        Assert.Equal("U1", calls[2]["users"]);
        Assert.Equal("trig", calls[3]["trigger_id"]);
        Assert.Equal("modal", (string?)calls[3].Json!["view"]!["type"]);
        Assert.Equal(("U1", "home"), (calls[4]["user_id"], (string?)calls[4].Json!["view"]!["type"]));
    }

    [Fact]
    public async Task Create_and_invite_send_their_documented_arguments()
    {
        await using var harness = await SlackApiHarness.StartAsync();
        var client = harness.Client;

        var created = await client.CreateChannelAsync("inc-1-phish", CancellationToken.None);
        var one = await client.InviteAsync("C0EAQDV4Z", ["U1"], CancellationToken.None);
        var two = await client.InviteAsync("C0EAQDV4Z", ["U1", "U2"], CancellationToken.None);

        Assert.Equal(("C0EAQDV4Z", "endeavor"), (created.Value!.Channel!.Id, created.Value.Channel.Name));
        Assert.True(one.IsSuccess && two.IsSuccess);
        var calls = harness.Slack.Calls;
        Assert.Equal(["conversations.create", "conversations.invite", "conversations.invite"], calls.Select(c => c.Method));
        Assert.Equal("inc-1-phish", calls[0]["name"]);
        Assert.False((bool)calls[0].Json!["is_private"]!);
        Assert.Equal(("C0EAQDV4Z", "U1"), (calls[1]["channel"], calls[1]["users"]));
        Assert.Null(calls[1].Json!["force"]);
        Assert.Equal("U1,U2", calls[2]["users"]);
        Assert.True((bool)calls[2].Json!["force"]!);
        await Assert.ThrowsAsync<ArgumentOutOfRangeException>(() => client.InviteAsync("C1", [.. Enumerable.Range(0, 101).Select(i => $"U{i}")], CancellationToken.None));
    }

    [Fact]
    public async Task A_taken_channel_name_is_a_permanent_failure_with_its_code()
    {
        await using var harness = await SlackApiHarness.StartAsync();
        harness.Slack.Script("conversations.create", FakeResponse.Fixture("web.conversations.create.error_name_taken.json"));

        var result = await harness.Client.CreateChannelAsync("inc-1-phish", CancellationToken.None);

        Assert.Equal(("name_taken", false), (result.Failure!.Error, result.Failure.IsRetryable));
        Assert.Single(harness.Slack.Calls);
    }

    [Fact]
    public async Task LookupByEmail_is_a_get_with_the_address_in_the_query_string()
    {
        await using var harness = await SlackApiHarness.StartAsync();

        var result = await harness.Client.LookupUserByEmailAsync("a+b@example.com", CancellationToken.None);

        Assert.Equal("W012A3CDE", result.Value!.User!.Id);
        var call = Assert.Single(harness.Slack.Calls);
        Assert.Equal(("GET", "?email=a%2Bb%40example.com", ""), (call.HttpMethod, call.Query, call.Body));
    }

    [Theory]
    [InlineData("channel_not_found")]
    [InlineData("invalid_auth")]
    [InlineData("not_in_channel")]
    [InlineData("account_inactive")]
    [InlineData("token_revoked")]
    [InlineData("some_future_error")]
    public async Task A_permanent_error_is_returned_at_once_without_retrying(string code)
    {
        await using var harness = await SlackApiHarness.StartAsync();
        harness.Slack.Script("chat.postMessage", FakeResponse.Error(code));

        var result = await harness.Client.PostMessageAsync("C1", Hello, null, CancellationToken.None);

        Assert.Equal((code, false), (result.Failure!.Error, result.Failure.IsRetryable));
        Assert.Single(harness.Slack.Calls);
    }

    [Fact]
    public async Task Slacks_explanation_of_invalid_arguments_is_kept()
    {
        await using var harness = await SlackApiHarness.StartAsync();
        harness.Slack.Script("views.open", FakeResponse.Fixture("web.views.open.error_invalid_arguments.json"));

        var result = await harness.Client.OpenViewAsync("bad", ModalRenderer.Render("F", null, new ModalState("form", "x"), new ModalMetadata("secret")), CancellationToken.None);

        Assert.Equal("invalid_arguments", result.Failure!.Error);
        Assert.Equal(["invalid `trigger_id`"], result.Failure.Messages);
        Assert.Contains("invalid `trigger_id`", result.Failure.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_429_waits_for_Retry_After_then_succeeds()
    {
        await using var harness = await SlackApiHarness.StartAsync();
        harness.Slack.Script("chat.postMessage", FakeResponse.RateLimited(1));

        var result = await harness.Client.PostMessageAsync("C1", Hello, null, CancellationToken.None);

        Assert.True(result.IsSuccess);
        var calls = harness.Slack.CallsTo("chat.postMessage");
        Assert.Equal(2, calls.Count);
        Assert.True(calls[1].At - calls[0].At >= TimeSpan.FromMilliseconds(950), $"waited only {calls[1].At - calls[0].At}");
    }

    [Fact]
    public async Task A_429_asking_for_longer_than_the_inline_limit_is_handed_back_with_its_wait()
    {
        await using var harness = await SlackApiHarness.StartAsync(o => o.MaxInlineRetryAfter = TimeSpan.FromSeconds(5));
        harness.Slack.Script("chat.postMessage", FakeResponse.RateLimited(120));

        var result = await harness.Client.PostMessageAsync("C1", Hello, null, CancellationToken.None);

        Assert.Equal(("ratelimited", true, TimeSpan.FromSeconds(120)), (result.Failure!.Error, result.Failure.IsRetryable, result.Failure.RetryAfter));
        Assert.Single(harness.Slack.Calls);
    }

    [Theory]
    [InlineData(500, "")]
    [InlineData(503, "")]
    [InlineData(200, """{"ok":false,"error":"internal_error"}""")]
    [InlineData(200, """{"ok":false,"error":"service_unavailable"}""")]
    [InlineData(200, "<html>bad gateway</html>")]
    public async Task Transient_failures_are_retried_with_backoff(int status, string body)
    {
        await using var harness = await SlackApiHarness.StartAsync();
        harness.Slack.Script("chat.postMessage", new FakeResponse(status, body), new FakeResponse(status, body));

        var result = await harness.Client.PostMessageAsync("C1", Hello, null, CancellationToken.None);

        Assert.True(result.IsSuccess);
        Assert.Equal(3, harness.Slack.CallsTo("chat.postMessage").Count);
    }

    [Fact]
    public async Task Retries_stop_after_the_configured_attempts_with_a_retryable_failure()
    {
        await using var harness = await SlackApiHarness.StartAsync(o => o.MaxRetryAttempts = 2);
        harness.Slack.Script("chat.postMessage", Enumerable.Repeat(new FakeResponse(502, ""), 5).ToArray());

        var result = await harness.Client.PostMessageAsync("C1", Hello, null, CancellationToken.None);

        Assert.Equal(("http_502", true), (result.Failure!.Error, result.Failure.IsRetryable));
        Assert.Equal(3, harness.Slack.Calls.Count);
    }

    [Fact]
    public async Task The_circuit_opens_when_slack_keeps_failing_and_calls_then_fail_fast()
    {
        await using var harness = await SlackApiHarness.StartAsync(o =>
        {
            o.MaxRetryAttempts = 1;
            o.MinimumThroughput = 4;
            o.BreakDuration = TimeSpan.FromSeconds(30);
        });
        harness.Slack.Script("chat.postMessage", Enumerable.Repeat(new FakeResponse(503, ""), 50).ToArray());

        for (var i = 0; i < 3; i++) await harness.Client.PostMessageAsync("C1", Hello, null, CancellationToken.None);
        var before = harness.Slack.Calls.Count;
        var result = await harness.Client.PostMessageAsync("C1", Hello, null, CancellationToken.None);

        Assert.Equal(("circuit_open", true), (result.Failure!.Error, result.Failure.IsRetryable));
        Assert.True(result.Failure.RetryAfter > TimeSpan.Zero);
        Assert.Equal(before, harness.Slack.Calls.Count);
    }

    [Fact]
    public async Task Rate_limits_do_not_open_the_circuit()
    {
        await using var harness = await SlackApiHarness.StartAsync(o =>
        {
            o.MaxRetryAttempts = 0;
            o.MinimumThroughput = 2;
            o.MaxInlineRetryAfter = TimeSpan.Zero;
        });
        harness.Slack.Script("chat.postMessage", Enumerable.Repeat(FakeResponse.RateLimited(1), 6).ToArray());

        for (var i = 0; i < 6; i++) Assert.Equal("ratelimited", (await harness.Client.PostMessageAsync("C1", Hello, null, CancellationToken.None)).Failure!.Error);

        Assert.Equal(6, harness.Slack.Calls.Count);
    }

    [Fact]
    public async Task A_refused_connection_is_a_retryable_network_error()
    {
        int port;
        await using (var gone = await FakeSlackServer.StartAsync()) port = gone.ApiBase.Port;
        using var http = new HttpClient { BaseAddress = new Uri($"http://127.0.0.1:{port}/api/") };
        var client = new SecBot.Slack.WebApi.SlackWebApiClient(http, "xoxb-x");

        var result = await client.PostMessageAsync("C1", Hello, null, CancellationToken.None);

        Assert.Equal(("network_error", true), (result.Failure!.Error, result.Failure.IsRetryable));
    }
}
