namespace SecBot.Slack.Payloads.Commands;

/// <summary>
/// A slash command invocation, from the form fields listed in slack-protocol.md §2. The verification
/// <c>token</c> is deliberately not kept: requests are authenticated by signature only.
/// </summary>
public sealed record SlashCommand : SlashCommandPayload
{
    public required string Command { get; init; }
    public required string Text { get; init; }
    public required string UserId { get; init; }
    public required string ChannelId { get; init; }
    public string? UserName { get; init; }
    public string? ChannelName { get; init; }
    public string? TeamId { get; init; }
    public string? TeamDomain { get; init; }
    public string? EnterpriseId { get; init; }
    public string? EnterpriseName { get; init; }
    public string? ApiAppId { get; init; }
    public bool IsEnterpriseInstall { get; init; }

    /// <summary>Usable up to 5 times within 30 minutes (slack-protocol.md §5).</summary>
    public string? ResponseUrl { get; init; }

    /// <summary>
    /// Exchange with views.open within 3 seconds, once (slack-protocol.md §5). New for every command sent, so it is
    /// also the command's idempotency key: a replayed request carries the same one.
    /// </summary>
    public required string TriggerId { get; init; }
}
