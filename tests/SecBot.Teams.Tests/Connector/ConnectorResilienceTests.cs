using System.Text.Json.Nodes;
using SecBot.Teams.Connector;
using SecBot.Testing.Teams;
using Answer = SecBot.Testing.Teams.FakeBotConnector.Answer;
using Operation = SecBot.Testing.Teams.FakeBotConnector.Operation;

namespace SecBot.Teams.Tests.Connector;

/// <summary>Connector errors and retries (teams-protocol.md §3, §7) through the shared pipeline, against the fake over HTTP.</summary>
public sealed class ConnectorResilienceTests
{
    private static readonly JsonObject Hello = new() { ["type"] = "message", ["text"] = "hello" };

    [Fact]
    public async Task A_429_waits_its_Retry_After_then_succeeds()
    {
        var time = new ObservedTimeProvider();
        await using var harness = await ConnectorHarness.StartAsync(time);
        harness.Fake.Script(Operation.Send, Answer.RateLimited(retryAfterSeconds: 3));

        var sending = harness.Client.SendAsync(harness.Fake.ServiceUrl, "a:conv", Hello, CancellationToken.None);
        await time.WaitForWaitAsync(TimeSpan.FromSeconds(3));
        time.Advance(TimeSpan.FromSeconds(3) - TimeSpan.FromMilliseconds(1));
        Assert.Single(harness.Fake.Calls);
        Assert.False(sending.IsCompleted);
        time.Advance(TimeSpan.FromMilliseconds(1));
        var sent = await sending;

        Assert.True(sent.IsSuccess);
        var calls = harness.Fake.CallsTo(Operation.Send);
        Assert.Equal(2, calls.Count);
        Assert.Equal(calls[0].Body, calls[1].Body);
    }

    [Fact]
    public async Task A_429_asking_longer_than_the_inline_limit_goes_back_to_the_caller_with_its_wait()
    {
        await using var harness = await ConnectorHarness.StartAsync(configure: o => o.MaxInlineRetryAfter = TimeSpan.FromSeconds(5));
        harness.Fake.Script(Operation.Send, Answer.RateLimited(retryAfterSeconds: 60));

        var sent = await harness.Client.SendAsync(harness.Fake.ServiceUrl, "a:conv", Hello, CancellationToken.None);

        Assert.Equal((429, true, TimeSpan.FromSeconds(60)), (sent.Failure!.Status, sent.Failure.IsRetryable, sent.Failure.RetryAfter));
        Assert.Single(harness.Fake.Calls);
    }

    [Theory]
    [InlineData(412)]
    [InlineData(502)]
    [InlineData(504)]
    [InlineData(500)]
    [InlineData(429)]
    public async Task Transient_answers_are_retried_with_backoff(int status)
    {
        await using var harness = await ConnectorHarness.StartAsync();
        harness.Fake.Script(Operation.Update, Answer.Error(status, "ServiceError", "try again"), new Answer(status, ""));

        var failure = await harness.Client.UpdateAsync(harness.Fake.ServiceUrl, "a:conv", "1.2", Hello, CancellationToken.None);

        Assert.Null(failure);
        Assert.Equal(3, harness.Fake.CallsTo(Operation.Update).Count);
    }

    [Fact]
    public async Task A_connector_that_stays_down_fails_retryable_after_the_configured_attempts()
    {
        await using var harness = await ConnectorHarness.StartAsync(configure: o => o.MaxRetryAttempts = 2);
        harness.Fake.Script(Operation.Send, Enumerable.Repeat(new Answer(502, ""), 3).ToArray());

        var sent = await harness.Client.SendAsync(harness.Fake.ServiceUrl, "a:conv", Hello, CancellationToken.None);

        Assert.Equal((502, "http_502", true), (sent.Failure!.Status, sent.Failure.Code, sent.Failure.IsRetryable));
        Assert.Equal(3, harness.Fake.Calls.Count);
    }

    [Fact]
    public async Task A_blocked_bot_is_permanent_and_marked_blocked()
    {
        await using var harness = await ConnectorHarness.StartAsync();
        harness.Fake.Script(Operation.Send, Answer.MessageWritesBlocked());

        var sent = await harness.Client.SendAsync(harness.Fake.ServiceUrl, "a:conv", Hello, CancellationToken.None);

        var failure = sent.Failure!;
        Assert.True(failure.IsBlocked);
        Assert.False(failure.IsRetryable);
        Assert.Equal((403, ConnectorFailure.MessageWritesBlocked, "Thread is blocked from message writes."), (failure.Status, failure.Code, failure.Message));
        Assert.Single(harness.Fake.Calls);
    }

    [Fact]
    public async Task An_ErrorResponse_is_permanent_with_its_code_and_logged_with_the_correlation_id()
    {
        await using var harness = await ConnectorHarness.StartAsync();
        harness.Fake.Script(Operation.Send, Answer.InvalidConversationId() with
        {
            Headers = new Dictionary<string, string> { ["X-Correlating-OperationId"] = "0f7c3f2e-5f8d-4c1e-9d57-3a6f0e1c2b4d" },
        });

        var sent = await harness.Client.SendAsync(harness.Fake.ServiceUrl, "B21S8SG7K:T03CWQ0QB", Hello, CancellationToken.None);

        var failure = sent.Failure!;
        Assert.Equal((400, "ServiceError", "Invalid ConversationId: B21S8SG7K:T03CWQ0QB", false, false), (failure.Status, failure.Code, failure.Message, failure.IsRetryable, failure.IsBlocked));
        Assert.Single(harness.Fake.Calls);
        var line = Assert.Single(harness.Logs.Lines, l => l.Contains("sendToConversation", StringComparison.Ordinal));
        Assert.Contains("0f7c3f2e-5f8d-4c1e-9d57-3a6f0e1c2b4d", line, StringComparison.Ordinal);
        Assert.Contains("ServiceError", line, StringComparison.Ordinal);
        Assert.DoesNotContain(harness.Fake.IssuedTokens[0], line, StringComparison.Ordinal);
    }

    [Fact]
    public async Task An_unreachable_connector_is_a_retryable_network_error()
    {
        await using var harness = await ConnectorHarness.StartAsync(configure: o => o.MaxRetryAttempts = 1);

        var sent = await harness.Client.SendAsync(ClosedPort.Url(), "a:conv", Hello, CancellationToken.None);

        Assert.Equal((ConnectorFailure.NetworkError, true, (int?)null), (sent.Failure!.Code, sent.Failure.IsRetryable, sent.Failure.Status));
    }

    [Fact]
    public async Task A_failing_connector_opens_the_circuit_and_calls_then_fail_at_once()
    {
        await using var harness = await ConnectorHarness.StartAsync(configure: o =>
        {
            o.MaxRetryAttempts = 0;
            o.MinimumThroughput = 2;
            o.BreakDuration = TimeSpan.FromSeconds(30);
        });
        harness.Fake.Script(Operation.Send, new Answer(503, ""), new Answer(503, ""));

        await harness.Client.SendAsync(harness.Fake.ServiceUrl, "a:conv", Hello, CancellationToken.None);
        await harness.Client.SendAsync(harness.Fake.ServiceUrl, "a:conv", Hello, CancellationToken.None);
        var third = await harness.Client.SendAsync(harness.Fake.ServiceUrl, "a:conv", Hello, CancellationToken.None);

        Assert.Equal((ConnectorFailure.CircuitOpen, true), (third.Failure!.Code, third.Failure.IsRetryable));
        Assert.True(third.Failure.RetryAfter > TimeSpan.Zero);
        Assert.Equal(2, harness.Fake.Calls.Count);
    }

    [Fact]
    public async Task Rate_limits_do_not_open_the_circuit()
    {
        await using var harness = await ConnectorHarness.StartAsync(configure: o =>
        {
            o.MaxRetryAttempts = 0;
            o.MinimumThroughput = 2;
        });
        harness.Fake.Script(Operation.Send, Answer.RateLimited(60), Answer.RateLimited(60));

        await harness.Client.SendAsync(harness.Fake.ServiceUrl, "a:conv", Hello, CancellationToken.None);
        await harness.Client.SendAsync(harness.Fake.ServiceUrl, "a:conv", Hello, CancellationToken.None);

        Assert.True((await harness.Client.SendAsync(harness.Fake.ServiceUrl, "a:conv", Hello, CancellationToken.None)).IsSuccess);
    }
}
