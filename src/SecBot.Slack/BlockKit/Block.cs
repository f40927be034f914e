using System.Text.Json.Serialization;

namespace SecBot.Slack.BlockKit;

/// <summary>
/// A layout block (slack-protocol.md §7). <see cref="BlockId"/> is left out unless a block's state must be read
/// back: Slack generates one, and block ids must be unique per message.
/// </summary>
[JsonPolymorphic(TypeDiscriminatorPropertyName = "type")]
[JsonDerivedType(typeof(HeaderBlock), "header")]
[JsonDerivedType(typeof(SectionBlock), "section")]
[JsonDerivedType(typeof(ActionsBlock), "actions")]
[JsonDerivedType(typeof(ContextBlock), "context")]
[JsonDerivedType(typeof(DividerBlock), "divider")]
[JsonDerivedType(typeof(InputBlock), "input")]
public abstract record Block
{
    public string? BlockId { get; init; }
}
