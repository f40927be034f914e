namespace SecBot.Slack.WebApi;

public sealed record ConversationRef
{
    public string Id { get; init; } = "";
}
