namespace SecBot.Slack.BlockKit;

/// <summary>
/// A view to open (<c>modal</c>, views.open) or publish (<c>home</c>, views.publish). Title, submit and close
/// are 1-24 characters; callback_id at most 255; private_metadata at most 3000; 1-100 blocks (slack-protocol.md §7).
/// </summary>
public sealed record ViewDefinition(string Type, IReadOnlyList<Block> Blocks)
{
    public const string ModalType = "modal";
    public const string HomeType = "home";

    public TextObject? Title { get; init; }
    public TextObject? Submit { get; init; }
    public TextObject? Close { get; init; }
    public string? CallbackId { get; init; }
    public string? PrivateMetadata { get; init; }
    public string? ExternalId { get; init; }
    public bool? ClearOnClose { get; init; }
    public bool? NotifyOnClose { get; init; }
}
