namespace SecBot.Chat.Cards;

/// <summary>An input a button asks for: free text, or checkboxes (checklist attestations).</summary>
public sealed record CardInput(string Id, string Label, CardInputKind Kind, bool Required)
{
    public IReadOnlyList<string> Options { get; init; } = [];
    public string? Placeholder { get; init; }
    public int MaxLength { get; init; } = 2000;
}

public enum CardInputKind
{
    Text,
    MultilineText,
    Checkboxes,
}
