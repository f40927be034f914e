namespace SecBot.Slack.WebApi;

public sealed record SlackUserProfile
{
    public string? Email { get; init; }
    public string? RealName { get; init; }
}
