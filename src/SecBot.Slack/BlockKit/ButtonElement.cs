namespace SecBot.Slack.BlockKit;

/// <summary>A <c>button</c>: text at most 75, value at most 2000; style <c>primary</c>, <c>danger</c> or none (slack-protocol.md §7).</summary>
public sealed record ButtonElement(TextObject Text, string ActionId) : BlockElement(ActionId)
{
    public const string PrimaryStyle = "primary";
    public const string DangerStyle = "danger";

    public string? Value { get; init; }
    public string? Style { get; init; }
}
