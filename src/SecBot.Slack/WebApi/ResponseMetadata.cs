namespace SecBot.Slack.WebApi;

public sealed record ResponseMetadata
{
    public IReadOnlyList<string>? Messages { get; init; }
    public IReadOnlyList<string>? Warnings { get; init; }
}
