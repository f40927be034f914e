namespace SecBot.Chat.Cards;

/// <summary>
/// A button. <see cref="ActionId"/> says what it does (<see cref="ActionIds"/>), <see cref="Value"/> what it
/// acts on (<c>INC-12</c>, <c>REV-7@2</c>). <see cref="Asks"/> are the inputs collected before the action runs
/// (Slack: a modal; Teams: inputs on the card). The action is re-authorized against current state on arrival.
/// </summary>
public sealed record CardButton(string Label, string ActionId, string Value, ButtonStyle Style = ButtonStyle.Default)
{
    public IReadOnlyList<CardInput> Asks { get; init; } = [];

    /// <summary>
    /// The title of the form <see cref="Asks"/> opens, in words people read (<c>Approve REV-7</c>); the value's
    /// internal syntax (<c>REV-7@2/1</c>) never shows. Null: the label.
    /// </summary>
    public string? FormTitle { get; init; }
}

public enum ButtonStyle
{
    Default,
    Primary,
    Danger,
}
