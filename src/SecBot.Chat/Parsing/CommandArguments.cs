namespace SecBot.Chat.Parsing;

/// <summary>The tokens after the command word, with the message they came from.</summary>
internal sealed class CommandArguments(string text, IReadOnlyList<Token> tokens, int first)
{
    public int Count => tokens.Count - first;

    public bool IsEmpty => Count == 0;

    public Token this[int index] => tokens[first + index];

    public IEnumerable<Token> All => tokens.Skip(first);

    public CommandArguments Skip(int count) => new(text, tokens, Math.Min(first + count, tokens.Count));

    /// <summary>
    /// Everything from here on as one line (titles, role names): a lone quoted phrase loses its quotes,
    /// whitespace runs become one space. Empty when nothing is left.
    /// </summary>
    public string Line() => JoinAsLine([.. All]);

    /// <summary>
    /// Everything from here on as typed, line breaks included (reasons, comments): a lone quoted phrase
    /// loses its quotes. Null when nothing is left.
    /// </summary>
    public string? FreeText()
    {
        if (IsEmpty) return null;
        if (Count == 1 && this[0].IsQuoted) return NullIfBlank(this[0].Value.Trim());
        return NullIfBlank(text[this[0].Start..tokens[^1].End].Trim());
    }

    public static string JoinAsLine(IReadOnlyList<Token> phrase)
    {
        var joined = phrase is [{ IsQuoted: true } only] ? only.Value : string.Join(' ', phrase.Select(t => t.Raw));
        return TextShape.CollapseWhitespace(joined);
    }

    private static string? NullIfBlank(string text) => text.Length == 0 ? null : text;
}
