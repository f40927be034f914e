namespace SecBot.Teams.Cards;

/// <summary>Limits SecBot renders Teams messages within (teams-protocol.md §7).</summary>
public static class TeamsLimits
{
    /// <summary>
    /// A bot message may be 100 KB, counted as UTF-16 text; Microsoft says to keep to 80 KB (over 100 KB: 413
    /// <c>MessageSizeTooBig</c>). A rendered card's JSON is held to this in UTF-16 and in UTF-8 bytes, whichever is more.
    /// </summary>
    public const int MessageBytes = 80 * 1024;

    /// <summary>A text message's text before escaping: escaped, it stays far under <see cref="MessageBytes"/>.</summary>
    public const int TextMessageChars = 16_000;

    /// <summary>A submit label longer than this falls back to "Submit" (a button, not a sentence).</summary>
    public const int SubmitLabelChars = 24;

    /// <summary>The size <see cref="MessageBytes"/> counts: the larger of the UTF-16 and UTF-8 encodings.</summary>
    public static int SizeOf(string json)
    {
        ArgumentNullException.ThrowIfNull(json);
        return Math.Max(json.Length * 2, System.Text.Encoding.UTF8.GetByteCount(json));
    }
}
