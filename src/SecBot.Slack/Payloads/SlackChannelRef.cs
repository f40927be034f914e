namespace SecBot.Slack.Payloads;

/// <summary>The <c>channel</c> object of interactivity payloads (slack-protocol.md §2).</summary>
public sealed record SlackChannelRef
{
    public required string Id { get; init; }
    public string? Name { get; init; }
}
