namespace SecBot.Slack.Payloads.Interactivity;

/// <summary>
/// <c>container</c>: where the used element lives: <c>message</c>, <c>message_attachment</c> or <c>view</c>.
/// <see cref="MessageTs"/> with <see cref="ChannelId"/> is what chat.update needs.
/// </summary>
public sealed record ActionContainer
{
    public required string Type { get; init; }
    public string? MessageTs { get; init; }
    public string? ThreadTs { get; init; }
    public string? ChannelId { get; init; }
    public string? ViewId { get; init; }
    public bool IsEphemeral { get; init; }
}
