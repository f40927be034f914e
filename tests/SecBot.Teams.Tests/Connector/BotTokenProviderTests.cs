using Microsoft.Extensions.Time.Testing;
using SecBot.Teams.Connector;
using SecBot.Testing.Teams;

namespace SecBot.Teams.Tests.Connector;

/// <summary>The bot's outbound token (teams-protocol.md §2), fetched from the fake identity platform over HTTP.</summary>
public sealed class BotTokenProviderTests
{
    [Fact]
    public async Task The_token_is_a_client_credentials_grant_for_the_Bot_Framework_scope()
    {
        await using var harness = await ConnectorHarness.StartAsync();

        var token = await harness.Tokens.GetTokenAsync(CancellationToken.None);

        Assert.True(token.IsSuccess);
        var request = Assert.Single(harness.Fake.TokenRequests);
        Assert.Equal(request.IssuedToken, token.Value);
        Assert.Equal("/botframework.com/oauth2/v2.0/token", request.Path);
        Assert.Equal("application/x-www-form-urlencoded", request.ContentType);
        Assert.Equal("client_credentials", request.Form["grant_type"]);
        Assert.Equal((harness.Fake.AppId, harness.Fake.AppPassword), (request.Form["client_id"], request.Form["client_secret"]));
        Assert.Equal("https://api.botframework.com/.default", request.Form["scope"]);
    }

    [Fact]
    public async Task The_form_is_the_one_Microsoft_documents()
    {
        var fake = new FakeBotConnector("MICROSOFT-APP-ID", "MICROSOFT-APP-PASSWORD");
        await using var harness = await ConnectorHarness.StartAsync(fake: fake);

        Assert.True((await harness.Tokens.GetTokenAsync(CancellationToken.None)).IsSuccess);

        var documented = FakeBotConnector.Fixture("auth.token-request.multitenant.http.txt").ReplaceLineEndings("\n").Split("\n\n", 2)[1].Trim();
        Assert.Equal(documented, Assert.Single(harness.Fake.TokenRequests).Body);
    }

    [Fact]
    public async Task The_token_is_cached_until_five_minutes_before_it_expires_then_renewed()
    {
        var time = new FakeTimeProvider(new DateTimeOffset(2026, 12, 4, 9, 0, 0, TimeSpan.Zero));
        await using var harness = await ConnectorHarness.StartAsync(time);

        var first = (await harness.Tokens.GetTokenAsync(CancellationToken.None)).Value;
        time.Advance(TimeSpan.FromMinutes(55) - TimeSpan.FromSeconds(1));
        var cached = (await harness.Tokens.GetTokenAsync(CancellationToken.None)).Value;
        Assert.Single(harness.Fake.TokenRequests);
        time.Advance(TimeSpan.FromSeconds(1));
        var renewed = (await harness.Tokens.GetTokenAsync(CancellationToken.None)).Value;

        Assert.Equal(first, cached);
        Assert.NotEqual(first, renewed);
        Assert.Equal(2, harness.Fake.TokenRequests.Count);
        Assert.Equal(renewed, (await harness.Tokens.GetTokenAsync(CancellationToken.None)).Value);
    }

    [Fact]
    public async Task Twenty_callers_at_once_share_one_token_request()
    {
        await using var harness = await ConnectorHarness.StartAsync();
        harness.Fake.HoldTokenRequests();

        var callers = Enumerable.Range(0, 20).Select(_ => Task.Run(() => harness.Tokens.GetTokenAsync(CancellationToken.None))).ToArray();
        await harness.Fake.WaitForTokenRequestsArrivedAsync();
        Assert.DoesNotContain(callers, c => c.IsCompleted);
        harness.Fake.ReleaseTokenRequests();
        var tokens = await Task.WhenAll(callers);

        Assert.Equal(1, harness.Fake.TokenRequestsArrived);
        Assert.Single(tokens.Select(t => t.Value).Distinct());
        Assert.All(tokens, t => Assert.True(t.IsSuccess));
    }

    [Fact]
    public async Task One_caller_giving_up_does_not_cancel_the_fetch_the_others_wait_for()
    {
        await using var harness = await ConnectorHarness.StartAsync();
        harness.Fake.HoldTokenRequests();
        using var impatient = new CancellationTokenSource();

        var gaveUp = harness.Tokens.GetTokenAsync(impatient.Token);
        var patient = harness.Tokens.GetTokenAsync(CancellationToken.None);
        await harness.Fake.WaitForTokenRequestsArrivedAsync();
        await impatient.CancelAsync();
        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => gaveUp);
        harness.Fake.ReleaseTokenRequests();

        Assert.True((await patient).IsSuccess);
        Assert.Equal(1, harness.Fake.TokenRequestsArrived);
    }

    [Fact]
    public async Task Wrong_credentials_are_a_permanent_failure_and_neither_secret_nor_token_is_logged()
    {
        var fake = new FakeBotConnector();
        await using var harness = await ConnectorHarness.StartAsync(fake: fake);
        harness.Options.AppPassword = "not-the-secret";

        var refused = await harness.Tokens.GetTokenAsync(CancellationToken.None);

        Assert.False(refused.IsSuccess);
        Assert.Equal((BotTokenProvider.Operation, 401, "invalid_client", false), (refused.Failure.Operation, refused.Failure.Status, refused.Failure.Code, refused.Failure.IsRetryable));
        Assert.Contains("AADSTS7000215", refused.Failure.Message, StringComparison.Ordinal);

        harness.Options.AppPassword = fake.AppPassword;
        var accepted = await harness.Tokens.GetTokenAsync(CancellationToken.None);
        Assert.True(accepted.IsSuccess);
        Assert.NotEmpty(harness.Logs.Lines);
        Assert.DoesNotContain(harness.Logs.Lines, line => line.Contains(fake.AppPassword, StringComparison.Ordinal) || line.Contains("not-the-secret", StringComparison.Ordinal));
        Assert.DoesNotContain(harness.Logs.Lines, line => line.Contains(accepted.Value, StringComparison.Ordinal));
        Assert.DoesNotContain(accepted.Value, accepted.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_wrong_scope_is_permanent_and_the_identity_platforms_trouble_is_retryable_and_not_cached()
    {
        await using var harness = await ConnectorHarness.StartAsync();
        harness.Fake.ScriptToken(
            new FakeBotConnector.Answer(400, """{"error":"invalid_scope","error_description":"AADSTS70011: The provided value for scope is not valid."}"""),
            new FakeBotConnector.Answer(503, ""));

        var badScope = await harness.Tokens.GetTokenAsync(CancellationToken.None);
        var down = await harness.Tokens.GetTokenAsync(CancellationToken.None);
        var back = await harness.Tokens.GetTokenAsync(CancellationToken.None);

        Assert.Equal((400, "invalid_scope", false), (badScope.Failure!.Status, badScope.Failure.Code, badScope.Failure.IsRetryable));
        Assert.Equal((503, "http_503", true), (down.Failure!.Status, down.Failure.Code, down.Failure.IsRetryable));
        Assert.True(back.IsSuccess);
        Assert.Equal(3, harness.Fake.TokenRequests.Count);
    }

    [Fact]
    public async Task An_unreachable_token_endpoint_is_a_retryable_network_error()
    {
        await using var harness = await ConnectorHarness.StartAsync();
        var closed = ClosedPort.Url();
        harness.Options.TokenEndpoint = new Uri(closed, "botframework.com/oauth2/v2.0/token").ToString();

        var result = await harness.Tokens.GetTokenAsync(CancellationToken.None);

        Assert.Equal((ConnectorFailure.NetworkError, true, (int?)null), (result.Failure!.Code, result.Failure.IsRetryable, result.Failure.Status));
    }

    [Fact]
    public void The_documented_token_response_parses()
    {
        var parsed = BotTokenProvider.TokenResponse.Parse(System.Text.Encoding.UTF8.GetBytes(FakeBotConnector.Fixture("auth.token-response.client-credentials.json")));

        Assert.Equal(("eyJhbGciOiJIUzI1Ni...", TimeSpan.FromHours(1)), (parsed!.AccessToken, parsed.ExpiresIn));
        Assert.Null(BotTokenProvider.TokenResponse.Parse("""{"token_type":"Bearer","expires_in":3600}"""u8.ToArray()));
        Assert.Null(BotTokenProvider.TokenResponse.Parse("<html>"u8.ToArray()));
        Assert.Equal(TimeSpan.FromSeconds(3599), BotTokenProvider.TokenResponse.Parse("""{"access_token":"t","expires_in":"3599"}"""u8.ToArray())!.ExpiresIn);
    }
}
