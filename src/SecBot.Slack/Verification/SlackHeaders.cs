namespace SecBot.Slack.Verification;

/// <summary>
/// Header names Slack sends or reads (slack-protocol.md §1 for signing, §4 for event retries).
/// HTTP header names are case-insensitive; look them up that way.
/// </summary>
public static class SlackHeaders
{
    public const string Signature = "X-Slack-Signature";
    public const string RequestTimestamp = "X-Slack-Request-Timestamp";
    public const string RetryNum = "X-Slack-Retry-Num";
    public const string RetryReason = "X-Slack-Retry-Reason";

    /// <summary>Answer with <c>X-Slack-No-Retry: 1</c> to stop Slack retrying one event delivery.</summary>
    public const string NoRetry = "X-Slack-No-Retry";
}
