namespace SecBot.Slack.Verification;

/// <summary>The outcome of checking one request's signature, with a reason fit for a log line.</summary>
public sealed record SlackVerificationResult(SlackVerificationFailure Failure, string Reason)
{
    public static SlackVerificationResult Valid { get; } = new(SlackVerificationFailure.None, "signature valid");

    public bool IsValid => Failure == SlackVerificationFailure.None;

    public static SlackVerificationResult Fail(SlackVerificationFailure failure, string reason) => new(failure, reason);
}
