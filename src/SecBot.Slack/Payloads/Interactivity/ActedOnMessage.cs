namespace SecBot.Slack.Payloads.Interactivity;

/// <summary>The <c>message</c> a block action came from; blocks are not read back.</summary>
public sealed record ActedOnMessage
{
    public string? Ts { get; init; }
    public string? ThreadTs { get; init; }
    public string? Text { get; init; }
    public string? User { get; init; }
    public string? BotId { get; init; }
}
