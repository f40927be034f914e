using System.Diagnostics.CodeAnalysis;

namespace SecBot.Chat.Parsing;

/// <summary>Slack's user mention markup: <c>&lt;@U0MAYA0001&gt;</c> or, from older clients, <c>&lt;@U0MAYA0001|maya&gt;</c>.</summary>
internal static class SlackMention
{
    private const int MaxUserIdLength = 32;

    public static bool TryReadUserId(string token, [NotNullWhen(true)] out string? userId)
    {
        userId = null;
        if (!token.StartsWith("<@", StringComparison.Ordinal) || !token.EndsWith('>')) return false;
        var inner = token.AsSpan(2, token.Length - 3);
        var bar = inner.IndexOf('|');
        var id = bar >= 0 ? inner[..bar] : inner;
        if (id.Length is 0 or > MaxUserIdLength) return false;
        foreach (var c in id)
        {
            if (!char.IsAsciiLetterOrDigit(c)) return false;
        }

        userId = id.ToString();
        return true;
    }
}
