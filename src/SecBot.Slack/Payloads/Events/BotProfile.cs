namespace SecBot.Slack.Payloads.Events;

/// <summary><c>bot_profile</c> of a bot's message; <see cref="AppId"/> equal to our app id means the message is our own.</summary>
public sealed record BotProfile
{
    public string? Id { get; init; }
    public string? AppId { get; init; }
    public string? Name { get; init; }
    public string? TeamId { get; init; }
}
