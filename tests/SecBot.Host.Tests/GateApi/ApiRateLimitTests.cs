using System.Net;
using SecBot.Host.Tests.Slack;

namespace SecBot.Host.Tests.GateApi;

/// <summary>The per-credential rate limit: past it, 429 with Retry-After and a JSON error; other keys are not held back.</summary>
public sealed class ApiRateLimitTests
{
    private const string OtherKey = "another-pipeline-key-987654321";

    [Fact]
    public async Task Past_its_limit_a_key_is_answered_429_with_Retry_After_and_another_key_is_not()
    {
        await using var slack = await SlackHost.StartAsync(
            null, GateApiClient.Settings("--SecBot:Api:RateLimit:PermitLimit=2", "--SecBot:Api:RateLimit:Window=00:10:00", $"--SecBot:Api:Keys:{OtherKey}:Name=nightly-build"));

        using var first = await slack.Host.GetGateAsync("REV-1");
        using var second = await slack.Host.GetGateAsync("REV-1");
        using var limited = await slack.Host.GetGateAsync("REV-1");
        using var other = await slack.Host.GetGateAsync("REV-1", key: OtherKey);

        Assert.Equal(HttpStatusCode.NotFound, first.StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, second.StatusCode);
        Assert.Equal(HttpStatusCode.TooManyRequests, limited.StatusCode);
        var retryAfter = limited.Headers.RetryAfter?.Delta;
        Assert.NotNull(retryAfter);
        Assert.InRange(retryAfter.Value, TimeSpan.FromSeconds(1), TimeSpan.FromMinutes(10));
        Assert.Contains("Too many requests", (string?)(await limited.JsonAsync())["error"], StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.NotFound, other.StatusCode);
    }

    [Fact]
    public async Task Requests_without_a_known_key_share_one_window_whatever_they_present_and_known_keys_are_not_held_back()
    {
        await using var slack = await SlackHost.StartAsync(null, GateApiClient.Settings("--SecBot:Api:RateLimit:PermitLimit=2", "--SecBot:Api:RateLimit:Window=00:10:00"));

        using var guessed = await slack.Host.GetGateAsync("REV-1", key: "guessed-key-number-one-00000");
        using var none = await slack.Host.GetGateAsync("REV-1", key: null);
        using var another = await slack.Host.GetGateAsync("REV-1", key: "guessed-key-number-two-00000");
        using var known = await slack.Host.GetGateAsync("REV-1");

        Assert.Equal(HttpStatusCode.Unauthorized, guessed.StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, none.StatusCode);
        Assert.Equal(HttpStatusCode.TooManyRequests, another.StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, known.StatusCode);
    }
}
