using System.Text;

namespace SecBot.Teams.Cards;

/// <summary>
/// Text placed where Teams reads markdown (Adaptive Card <c>TextBlock</c> and <c>FactSet</c>, markdown text messages;
/// Microsoft's cards-format.md): every character that could start bold, italics, a link, a list, a heading, an HTML tag,
/// a <c>&lt;at&gt;</c> mention, an entity or a <c>{{DATE()}}</c> function is backslash-escaped, so user text shows as typed
/// and can never become a hidden link or a mention. Line breaks become paragraph breaks, which TextBlock shows as new lines.
/// </summary>
public static class AdaptiveCardText
{
    private const string AlwaysEscaped = "\\*_`~[]<>&{}|";

    public static string Escape(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        var lines = text.ReplaceLineEndings("\n").Split('\n');
        var builder = new StringBuilder(text.Length + 16);
        for (var l = 0; l < lines.Length; l++)
        {
            if (l > 0) builder.Append("\n\n");
            EscapeLine(lines[l], builder);
        }

        return builder.ToString();
    }

    /// <summary>A display name inside <c>&lt;at&gt;…&lt;/at&gt;</c>: the mention entity's text must match it exactly, so it is only kept from closing the tag.</summary>
    public static string MentionName(string name)
    {
        ArgumentNullException.ThrowIfNull(name);
        var clean = new string([.. name.ReplaceLineEndings(" ").Where(c => c is not ('<' or '>'))]).Trim();
        return clean.Length == 0 ? "?" : clean;
    }

    private static void EscapeLine(string line, StringBuilder builder)
    {
        var start = builder.Length;
        var indent = line.Length - line.TrimStart().Length;
        for (var i = 0; i < line.Length; i++)
        {
            var c = line[i];
            if (AlwaysEscaped.Contains(c, StringComparison.Ordinal) || (i == indent && IsBlockMarker(line, i))) builder.Append('\\');
            builder.Append(c);
        }

        // "1. item" and "1) item" start an ordered list: the punctuation after the leading digits is escaped.
        var digits = 0;
        while (indent + digits < line.Length && char.IsAsciiDigit(line[indent + digits])) digits++;
        if (digits > 0 && indent + digits < line.Length && line[indent + digits] is '.' or ')')
        {
            builder.Insert(start + indent + digits, '\\');
        }
    }

    // "- item", "+ item", "# heading", "> quote" (> is always escaped), "* item" (* is always escaped).
    private static bool IsBlockMarker(string line, int i) => line[i] is '-' or '+' or '#' or '=';
}
