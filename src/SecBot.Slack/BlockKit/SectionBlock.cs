namespace SecBot.Slack.BlockKit;

/// <summary>A <c>section</c> block: text up to 3000 characters and/or up to 10 fields of 2000 (slack-protocol.md §7).</summary>
public sealed record SectionBlock : Block
{
    public TextObject? Text { get; init; }
    public IReadOnlyList<TextObject>? Fields { get; init; }
}
