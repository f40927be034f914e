namespace SecBot.Slack.Payloads.Interactivity;

/// <summary>
/// The JSON inside an interactivity POST's <c>payload</c> field, told apart by <see cref="Type"/>
/// (slack-protocol.md §2). Team is absent or null for org-wide installs.
/// </summary>
public abstract record InteractionPayload
{
    public string Type { get; init; } = "";
    public SlackTeamRef? Team { get; init; }
    public SlackEnterpriseRef? Enterprise { get; init; }
    public string? ApiAppId { get; init; }
    public bool IsEnterpriseInstall { get; init; }
}
