namespace SecBot.Slack.WebApi;

/// <summary>chat.postMessage / chat.update: where the message is; <see cref="Ts"/> is its id for later updates.</summary>
public sealed record MessageResponse : SlackApiResponse
{
    public string? Channel { get; init; }
    public string? Ts { get; init; }
    public string? MessageTs { get; init; }
}
