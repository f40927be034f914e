namespace SecBot.Slack.BlockKit;

/// <summary>An option: text at most 75, value at most 150 characters (slack-protocol.md §7).</summary>
public sealed record OptionObject(TextObject Text, string Value);
