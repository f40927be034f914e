namespace SecBot.Slack.BlockKit;

/// <summary>A <c>plain_text_input</c>; placeholder at most 150 characters (slack-protocol.md §7).</summary>
public sealed record PlainTextInputElement(string ActionId) : BlockElement(ActionId)
{
    public bool? Multiline { get; init; }
    public TextObject? Placeholder { get; init; }
    public int? MaxLength { get; init; }
}
