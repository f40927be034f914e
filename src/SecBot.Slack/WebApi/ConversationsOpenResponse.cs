namespace SecBot.Slack.WebApi;

/// <summary>conversations.open: the DM channel (<c>D…</c>) to post to.</summary>
public sealed record ConversationsOpenResponse : SlackApiResponse
{
    public ConversationRef? Channel { get; init; }
}
