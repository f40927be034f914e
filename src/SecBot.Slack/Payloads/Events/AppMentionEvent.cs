namespace SecBot.Slack.Payloads.Events;

/// <summary>
/// <c>app_mention</c>: the bot was @mentioned in a channel; <see cref="Text"/> starts with <c>&lt;@BOTUSERID&gt;</c>
/// (slack-protocol.md §4). The text is kept as sent; the command parser drops the mention.
/// </summary>
public sealed record AppMentionEvent : SlackEvent
{
    public required string Text { get; init; }
    public required string Channel { get; init; }
    public string? User { get; init; }
    public string? Ts { get; init; }
    public string? ThreadTs { get; init; }
    public string? Team { get; init; }
    public string? BotId { get; init; }
}
