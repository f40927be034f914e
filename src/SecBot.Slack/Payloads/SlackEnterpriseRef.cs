namespace SecBot.Slack.Payloads;

/// <summary>The <c>enterprise</c> object of Enterprise Grid payloads (slack-protocol.md §2).</summary>
public sealed record SlackEnterpriseRef
{
    public string? Id { get; init; }
    public string? Name { get; init; }
}
