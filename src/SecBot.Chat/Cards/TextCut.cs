namespace SecBot.Chat.Cards;

/// <summary>
/// How every platform shortens text that does not fit: visibly, with "…", never splitting a surrogate pair, so a cut
/// message still reads as cut and still encodes. Slack's per-field limits and Teams' message size both cut this way.
/// </summary>
public static class TextCut
{
    public const string Ellipsis = "…";

    /// <summary><paramref name="text"/> in at most <paramref name="max"/> characters, the last of them "…" when it was cut.</summary>
    public static string Truncate(string text, int max)
    {
        ArgumentNullException.ThrowIfNull(text);
        if (text.Length <= max) return text;
        var cut = max - Ellipsis.Length;
        if (cut > 0 && char.IsHighSurrogate(text[cut - 1])) cut--;
        return text[..Math.Max(cut, 0)] + Ellipsis;
    }
}
