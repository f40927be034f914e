namespace SecBot.Slack.Payloads.Interactivity;

/// <summary>
/// <c>block_actions</c>: a button (or other element) was used in a message, modal or Home tab
/// (slack-protocol.md §2). Home-tab actions carry a <see cref="View"/> and no <see cref="ResponseUrl"/> (§5).
/// </summary>
public sealed record BlockActionsPayload : InteractionPayload
{
    public required SlackUserRef User { get; init; }
    public required IReadOnlyList<BlockAction> Actions { get; init; }
    public ActionContainer? Container { get; init; }
    public SlackChannelRef? Channel { get; init; }
    public ActedOnMessage? Message { get; init; }
    public SlackView? View { get; init; }
    public ViewState? State { get; init; }
    public string? ResponseUrl { get; init; }
    public string? TriggerId { get; init; }
}
