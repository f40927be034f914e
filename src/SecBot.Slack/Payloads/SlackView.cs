namespace SecBot.Slack.Payloads;

/// <summary>
/// A view (modal or Home tab) as Slack reports it in payloads and in views.open / views.publish responses
/// (slack-protocol.md §2, §5). Only what SecBot reads is declared; blocks are ignored.
/// </summary>
public sealed record SlackView
{
    public string? Id { get; init; }
    public string? TeamId { get; init; }
    public string? Type { get; init; }
    public string? CallbackId { get; init; }
    public string? PrivateMetadata { get; init; }
    public string? ExternalId { get; init; }

    /// <summary>What views.publish takes to refuse a stale update.</summary>
    public string? Hash { get; init; }

    public string? RootViewId { get; init; }
    public string? PreviousViewId { get; init; }
    public string? AppId { get; init; }
    public string? BotId { get; init; }
    public ViewState? State { get; init; }
}
