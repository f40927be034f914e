namespace SecBot.Slack.Payloads.Events;

/// <summary>
/// <c>message</c>. A direct message to the bot has <see cref="ChannelType"/> <c>im</c> (slack-protocol.md §4).
/// Bot posts (including SecBot's own) carry <see cref="BotId"/>; edits, joins and the like carry a
/// <see cref="Subtype"/>; answering either would make the bot loop or reply to noise.
/// </summary>
public sealed record MessageEvent : SlackEvent
{
    public string? Channel { get; init; }
    public string? ChannelType { get; init; }
    public string? User { get; init; }
    public string? Text { get; init; }
    public string? Ts { get; init; }
    public string? ThreadTs { get; init; }
    public string? Subtype { get; init; }
    public string? BotId { get; init; }
    public BotProfile? BotProfile { get; init; }
    public string? Team { get; init; }

    public bool IsDirectMessage => ChannelType == "im";

    public bool IsFromBot => BotId is not null || BotProfile is not null;

    /// <summary>Typed by a person, as a new message: the only kind SecBot answers.</summary>
    public bool IsPlainUserMessage => !IsFromBot && Subtype is null && User is not null && Text is not null;
}
