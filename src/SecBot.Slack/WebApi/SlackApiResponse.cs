namespace SecBot.Slack.WebApi;

/// <summary>Every Web API answer: always check <see cref="Ok"/>; errors come as HTTP 200 (slack-protocol.md §6).</summary>
public record SlackApiResponse
{
    public bool Ok { get; init; }
    public string? Error { get; init; }
    public string? Warning { get; init; }
    public ResponseMetadata? ResponseMetadata { get; init; }
}
