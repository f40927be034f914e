namespace SecBot.Slack.Payloads;

/// <summary>The <c>team</c> object; null for org-wide installs (slack-protocol.md §2, enterprise installs).</summary>
public sealed record SlackTeamRef
{
    public string? Id { get; init; }
    public string? Domain { get; init; }
    public string? EnterpriseId { get; init; }
    public string? EnterpriseName { get; init; }
}
