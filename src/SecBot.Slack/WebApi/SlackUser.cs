namespace SecBot.Slack.WebApi;

public sealed record SlackUser
{
    public string Id { get; init; } = "";
    public string? TeamId { get; init; }
    public string? Name { get; init; }
    public bool Deleted { get; init; }
    public SlackUserProfile? Profile { get; init; }
}
