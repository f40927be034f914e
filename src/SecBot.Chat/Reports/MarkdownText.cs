using System.Text;
using SecBot.Domain;

namespace SecBot.Chat.Reports;

/// <summary>
/// User text placed in a Markdown document: kept to one line (<see cref="UserText.OneLine"/>), so it can never start a
/// heading, a list item or a table row of its own, and with every character that means something inside a line
/// (emphasis, code, links, raw HTML and entities, table cells, a heading's closing #) escaped with a backslash, so it
/// reads as the words that were typed and cannot break the document around it.
/// </summary>
public static class MarkdownText
{
    private const string Special = "\\`*_[]<>&|~#!";

    public static string Escape(string? text)
    {
        var line = UserText.OneLine(text);
        if (line.AsSpan().IndexOfAny(Special) < 0) return line;
        var escaped = new StringBuilder(line.Length + 8);
        foreach (var c in line)
        {
            if (Special.Contains(c, StringComparison.Ordinal)) escaped.Append('\\');
            escaped.Append(c);
        }

        return escaped.ToString();
    }
}
