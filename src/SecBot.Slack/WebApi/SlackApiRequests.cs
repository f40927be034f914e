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

public sealed record ViewsOpenRequest(string TriggerId, ViewDefinition View);

public sealed record ViewsPublishRequest(string UserId, ViewDefinition View)
{
    public string? Hash { get; init; }
}
