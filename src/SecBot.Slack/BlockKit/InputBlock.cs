namespace SecBot.Slack.BlockKit;

/// <summary>
/// An <c>input</c> block of a modal; its value comes back in <c>view.state.values[block_id][action_id]</c>
/// (slack-protocol.md §2, §7: label and hint at most 2000).
/// </summary>
public sealed record InputBlock(TextObject Label, BlockElement Element) : Block
{
    public bool Optional { get; init; }
    public TextObject? Hint { get; init; }
}
