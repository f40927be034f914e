namespace SecBot.Slack.BlockKit;

/// <summary>A <c>context</c> block: up to 10 small text elements (slack-protocol.md §7).</summary>
public sealed record ContextBlock(IReadOnlyList<TextObject> Elements) : Block;
