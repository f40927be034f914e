using SecBot.Slack.BlockKit;

namespace SecBot.Slack.Delivery;

/// <summary>
/// A Slack-only outbox row, already rendered: the answer to something that arrived from Slack (an update of the
/// message a button was on, a reply to a mention or DM, an ephemeral refusal, the Home tab). Kinds are in
/// <see cref="SlackOutboxKinds"/>; channel-neutral cards travel as <c>card</c> rows instead.
/// </summary>
public sealed record SlackOutboxItem
{
    public string? Channel { get; init; }
    public string? Ts { get; init; }
    public string? ThreadTs { get; init; }
    public string? User { get; init; }
    public MessageContent? Content { get; init; }
    public ViewDefinition? View { get; init; }

    /// <summary>An interaction's <c>response_url</c>, for <see cref="SlackOutboxKinds.Respond"/>.</summary>
    public string? ResponseUrl { get; init; }

    public bool ReplaceOriginal { get; init; }
}
