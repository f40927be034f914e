using SecBot.Slack.WebApi;

namespace SecBot.Slack.Tests.WebApi;

public sealed class SlackErrorCodesTests
{
    [Theory]
    [InlineData("ratelimited")]
    [InlineData("rate_limited")]
    [InlineData("service_unavailable")]
    [InlineData("internal_error")]
    [InlineData("fatal_error")]
    [InlineData("request_timeout")]
    [InlineData("http_500")]
    [InlineData("http_503")]
    public void Slack_side_trouble_is_retryable(string code) => Assert.True(SlackErrorCodes.IsRetryable(code));

    [Fact]
    public void Every_listed_permanent_code_and_unknown_codes_are_not_retryable()
    {
        Assert.All(SlackErrorCodes.Permanent, code => Assert.False(SlackErrorCodes.IsRetryable(code), code));
        Assert.False(SlackErrorCodes.IsRetryable("http_404"));
        Assert.False(SlackErrorCodes.IsRetryable("http_5000"));
        Assert.False(SlackErrorCodes.IsRetryable("brand_new_error"));
    }
}
