namespace SecBot.Chat.Cards;

/// <summary>
/// One message, channel-neutral: rendered as Block Kit for Slack and as an Adaptive Card for Teams,
/// so every message and every button exists on both platforms.
/// </summary>
public sealed record Card
{
    public required string Title { get; init; }
    public string? Text { get; init; }
    public IReadOnlyList<CardFact> Facts { get; init; } = [];
    public IReadOnlyList<CardButton> Buttons { get; init; } = [];

    /// <summary>A grey footer line: who did what, when.</summary>
    public string? Context { get; init; }

    public CardTone Tone { get; init; } = CardTone.Neutral;

    /// <summary>Person ids the renderer should @mention (the text names them already).</summary>
    public IReadOnlyList<string> Mentions { get; init; } = [];

    /// <summary>The plain-text rendering: notifications, screen readers, logs and the console.</summary>
    public string ToPlainText()
    {
        var lines = new List<string> { Title };
        if (!string.IsNullOrWhiteSpace(Text)) lines.Add(Text);
        lines.AddRange(Facts.Select(f => $"{f.Label}: {f.Value}"));
        if (Buttons.Count > 0) lines.Add("Actions: " + string.Join(" · ", Buttons.Select(b => b.Label)));
        if (!string.IsNullOrWhiteSpace(Context)) lines.Add(Context);
        return string.Join('\n', lines);
    }
}

/// <summary>
/// A label and its value, each on one line (<see cref="Delivery.OneLine.Of"/>): user text in a value, such as a
/// resolution summary, can never start a line of its own that reads like one of SecBot's.
/// </summary>
public sealed record CardFact(string Label, string Value)
{
    public string Label { get; init; } = Delivery.OneLine.Of(Label);
    public string Value { get; init; } = Delivery.OneLine.Of(Value);
}

public enum CardTone
{
    Neutral,
    Attention,
    Good,
    Warning,
}
