namespace SecBot.Slack.BlockKit;

/// <summary>A <c>divider</c> block.</summary>
public sealed record DividerBlock : Block;
