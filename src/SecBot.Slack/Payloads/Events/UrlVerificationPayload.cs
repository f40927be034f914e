namespace SecBot.Slack.Payloads.Events;

/// <summary><c>url_verification</c>: after the signature check, answer 200 with <see cref="Challenge"/> (slack-protocol.md §2).</summary>
public sealed record UrlVerificationPayload : EventsApiPayload
{
    public required string Challenge { get; init; }
}
