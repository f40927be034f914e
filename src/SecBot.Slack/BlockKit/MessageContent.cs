namespace SecBot.Slack.BlockKit;

/// <summary>
/// A rendered message: blocks plus the <c>text</c> fallback Slack uses for notifications, which must always be
/// sent alongside blocks (slack-protocol.md §6).
/// </summary>
public sealed record MessageContent(string Text, IReadOnlyList<Block> Blocks);
