namespace SecBot.Slack.WebApi;

public sealed record ConversationRef
{
    public string Id { get; init; } = "";

    /// <summary>A channel's name as Slack stored it (conversations.create answers with it).</summary>
    public string? Name { get; init; }
}
