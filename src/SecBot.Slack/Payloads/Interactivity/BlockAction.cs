namespace SecBot.Slack.Payloads.Interactivity;

/// <summary>One entry of <c>block_actions.actions</c>: which element was used and its value.</summary>
public sealed record BlockAction
{
    public required string ActionId { get; init; }
    public string? BlockId { get; init; }
    public string? Type { get; init; }
    public string? Value { get; init; }
    public string? ActionTs { get; init; }
    public SelectedOption? SelectedOption { get; init; }
}
