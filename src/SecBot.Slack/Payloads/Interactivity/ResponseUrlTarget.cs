namespace SecBot.Slack.Payloads.Interactivity;

/// <summary>An entry of <c>view_submission.response_urls</c> (slack-protocol.md §5).</summary>
public sealed record ResponseUrlTarget
{
    public string? BlockId { get; init; }
    public string? ActionId { get; init; }
    public string? ChannelId { get; init; }
    public required string ResponseUrl { get; init; }
}
