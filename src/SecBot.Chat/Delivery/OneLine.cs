using System.Text;

namespace SecBot.Chat.Delivery;

/// <summary>Text that status shows on a line of its own: error texts, and every timeline row with the user text in it.</summary>
internal static class OneLine
{
    public const int MaxLength = 200;

    public static string Shorten(string? text, string ifNone = "no error recorded")
    {
        var line = string.IsNullOrWhiteSpace(text) ? ifNone : text.ReplaceLineEndings(" ");
        return line.Length <= MaxLength ? line : string.Concat(line.AsSpan(0, MaxLength - 1), "…");
    }

    /// <summary>
    /// <paramref name="text"/> on one line: every run of white space, line breaks (<c>\n</c>, U+2028, …) and control
    /// characters becomes one space. A row of a list or timeline built from it stays one row, so a summary or reason
    /// with a line break in it can never start a line of its own that looks like SecBot's.
    /// </summary>
    public static string Of(string? text)
    {
        if (string.IsNullOrEmpty(text)) return "";
        var builder = new StringBuilder(text.Length);
        var pendingSpace = false;
        foreach (var c in text)
        {
            if (char.IsWhiteSpace(c) || char.IsControl(c))
            {
                pendingSpace = true;
                continue;
            }

            if (pendingSpace && builder.Length > 0) builder.Append(' ');
            pendingSpace = false;
            builder.Append(c);
        }

        return builder.ToString();
    }
}
