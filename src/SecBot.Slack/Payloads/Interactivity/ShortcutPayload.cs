namespace SecBot.Slack.Payloads.Interactivity;

/// <summary>A global <c>shortcut</c>: no channel and no response_url, only a trigger for a modal (slack-protocol.md §5).</summary>
public sealed record ShortcutPayload : InteractionPayload
{
    public required SlackUserRef User { get; init; }
    public required string CallbackId { get; init; }
    public string? TriggerId { get; init; }
    public string? ActionTs { get; init; }
}
