namespace SecBot.Slack.BlockKit;

/// <summary>An <c>actions</c> block: up to 25 interactive elements with action ids unique inside it (slack-protocol.md §7).</summary>
public sealed record ActionsBlock(IReadOnlyList<BlockElement> Elements) : Block;
