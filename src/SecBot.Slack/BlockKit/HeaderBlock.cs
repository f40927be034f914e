namespace SecBot.Slack.BlockKit;

/// <summary>A <c>header</c> block: plain text, at most 150 characters (slack-protocol.md §7).</summary>
public sealed record HeaderBlock(TextObject Text) : Block;
