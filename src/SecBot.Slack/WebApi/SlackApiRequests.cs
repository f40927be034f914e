using SecBot.Slack.BlockKit;

namespace SecBot.Slack.WebApi;

// JSON bodies of the methods that take JSON input (slack-protocol.md §6, ref json_input_supported).
// A text fallback always goes with blocks: it is what notifications show.

public sealed record PostMessageRequest(string Channel, string Text, IReadOnlyList<Block>? Blocks)
{
    public string? ThreadTs { get; init; }
    public bool UnfurlLinks { get; init; }
    public bool UnfurlMedia { get; init; }
}

public sealed record UpdateMessageRequest(string Channel, string Ts, string Text, IReadOnlyList<Block>? Blocks);

public sealed record PostEphemeralRequest(string Channel, string User, string Text, IReadOnlyList<Block>? Blocks)
{
    public string? ThreadTs { get; init; }
}

public sealed record ConversationsOpenRequest(string Users);

/// <summary>A message POSTed to a <c>response_url</c> (slack-protocol.md §5); it needs no token.</summary>
public sealed record ResponseUrlRequest(string Text, IReadOnlyList<Block>? Blocks)
{
    public bool ReplaceOriginal { get; init; }
    public string? ResponseType { get; init; }
}

/// <summary>conversations.create of a public channel (<c>is_private</c> false), which needs <c>channels:manage</c> (§9).</summary>
public sealed record ConversationsCreateRequest(string Name)
{
    public bool IsPrivate { get; init; }
}

/// <summary>conversations.invite: <paramref name="Users"/> is at most 100 comma-separated user ids (§6).</summary>
public sealed record ConversationsInviteRequest(string Channel, string Users)
{
    /// <summary>With several users, invite the valid ones even if one cannot be invited.</summary>
    public bool? Force { get; init; }
}

public sealed record ViewsOpenRequest(string TriggerId, ViewDefinition View);

public sealed record ViewsPublishRequest(string UserId, ViewDefinition View)
{
    public string? Hash { get; init; }
}
