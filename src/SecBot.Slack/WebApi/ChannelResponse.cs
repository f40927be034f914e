namespace SecBot.Slack.WebApi;

/// <summary>conversations.create / conversations.invite: the channel (<c>C…</c>) that was created or invited to.</summary>
public sealed record ChannelResponse : SlackApiResponse
{
    public ConversationRef? Channel { get; init; }
}
