namespace SecBot.Slack.Verification;

/// <summary>Why a request failed verification; every failure is answered with 401 (slack-protocol.md §1.5).</summary>
public enum SlackVerificationFailure
{
    None,
    MissingTimestamp,
    MissingSignature,
    NonNumericTimestamp,
    StaleTimestamp,
    BadSignature,
}
