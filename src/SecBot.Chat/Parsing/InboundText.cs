using System.Net;
using System.Text;
using System.Text.RegularExpressions;

namespace SecBot.Chat.Parsing;

/// <summary>
/// What people send, made safe to keep and show, the same way whatever it came from: message text as Slack or Teams
/// deliver it (<see cref="Normalize"/>) and a form's inputs (<see cref="Clean"/>), which arrive as plain text.
/// </summary>
internal static partial class InboundText
{
    private const char ReplacementCharacter = '\uFFFD';

    /// <summary>Message text: links unwrapped and entities decoded (the platforms' own escaping), then <see cref="Clean"/>.</summary>
    public static string Normalize(string raw)
    {
        var unlinked = SlackLink().Replace(raw, match =>
            match.Groups["label"] is { Success: true, Length: > 0 } label ? label.Value : match.Groups["url"].Value);

        // Both platforms escape &, < and > in message text; Teams may also send &nbsp; and numeric entities.
        var decoded = WebUtility.HtmlDecode(unlinked);
        return Clean(decoded);
    }

    // Slack rewrites anything that looks like a domain into <http://evil.example|evil.example>; a title keeps what was typed.
    [GeneratedRegex(@"<(?<url>(?:https?|mailto):[^\s|<>]*)(?:\|(?<label>[^<>]*))?>", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex SlackLink();

    /// <summary>
    /// Line breaks as <c>\n</c>, other control characters as spaces, lone surrogates replaced, and bidirectional
    /// overrides and isolates dropped.
    /// </summary>
    public static string Clean(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        var builder = new StringBuilder(text.Length);
        for (var i = 0; i < text.Length; i++)
        {
            var c = text[i];
            if (char.IsHighSurrogate(c) && i + 1 < text.Length && char.IsLowSurrogate(text[i + 1]))
            {
                builder.Append(c).Append(text[i + 1]);
                i++;
            }
            else if (char.IsSurrogate(c))
            {
                // A lone surrogate cannot be stored as UTF-8 or rendered; it is always a broken client or an attack.
                builder.Append(ReplacementCharacter);
            }
            else if (c == '\r')
            {
                if (i + 1 >= text.Length || text[i + 1] != '\n') builder.Append('\n');
            }
            else if (c == '\n')
            {
                builder.Append(c);
            }
            else if (char.IsControl(c))
            {
                builder.Append(' ');
            }
            else if (!IsBidiOverride(c))
            {
                builder.Append(c);
            }
        }

        return builder.ToString();
    }

    // Embedding, override and isolate controls reorder everything after them when the bot echoes a title
    // into a channel, which is how "Trojan Source" text hides what it says.
    private static bool IsBidiOverride(char c) => c is (>= '\u202A' and <= '\u202E') or (>= '\u2066' and <= '\u2069');
}
