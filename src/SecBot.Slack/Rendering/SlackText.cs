using System.Text;
using SecBot.Chat.Cards;

namespace SecBot.Slack.Rendering;

/// <summary>
/// Text fitted to Slack: escaped for mrkdwn (slack-protocol.md §7; Slack reads <c>&amp;</c>, <c>&lt;</c>, <c>&gt;</c>
/// as markup) and cut visibly with "…" when over a limit, never mid-surrogate or mid-entity.
/// </summary>
public static class SlackText
{
    public const string Ellipsis = TextCut.Ellipsis;

    public static string Escape(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        if (text.AsSpan().IndexOfAny('&', '<', '>') < 0) return text;
        var builder = new StringBuilder(text.Length + 16);
        foreach (var c in text)
        {
            _ = c switch
            {
                '&' => builder.Append("&amp;"),
                '<' => builder.Append("&lt;"),
                '>' => builder.Append("&gt;"),
                _ => builder.Append(c),
            };
        }

        return builder.ToString();
    }

    /// <summary>Plain text of at most <paramref name="max"/> characters.</summary>
    public static string Truncate(string text, int max) => TextCut.Truncate(text, max);

    /// <summary>Escapes, then truncates without leaving half an entity such as <c>&amp;am</c>.</summary>
    public static string Mrkdwn(string text, int max)
    {
        var escaped = Escape(text);
        if (escaped.Length <= max) return escaped;
        var cut = max - Ellipsis.Length;
        if (cut <= 0) return Ellipsis;
        var amp = escaped.LastIndexOf('&', cut - 1);
        if (amp >= 0 && amp > cut - 5 && escaped.IndexOf(';', amp) >= cut) cut = amp;
        if (cut > 0 && char.IsHighSurrogate(escaped[cut - 1])) cut--;
        return escaped[..cut] + Ellipsis;
    }
}
