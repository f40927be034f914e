namespace SecBot.Slack.Payloads;

/// <summary>The <c>user</c> object of interactivity payloads (slack-protocol.md §2).</summary>
public sealed record SlackUserRef
{
    public required string Id { get; init; }
    public string? Username { get; init; }
    public string? Name { get; init; }
    public string? TeamId { get; init; }
}
