namespace SecBot.Slack.Payloads.Events;

/// <summary>
/// One installation of the app an event is delivered for (<c>authorizations</c>, slack-protocol.md §2): the workspace
/// and organisation that installed it, which for a Slack Connect channel differ from the event's own <c>team_id</c>.
/// Its team is null for an org-wide install.
/// </summary>
public sealed record SlackAuthorization
{
    public string? EnterpriseId { get; init; }
    public string? TeamId { get; init; }
    public string? UserId { get; init; }
    public bool IsBot { get; init; }
    public bool IsEnterpriseInstall { get; init; }
}
