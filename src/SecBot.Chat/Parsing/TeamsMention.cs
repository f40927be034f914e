using System.Diagnostics.CodeAnalysis;

namespace SecBot.Chat.Parsing;

/// <summary>Teams' mention markup in message text: <c>&lt;at&gt;Maya Chen&lt;/at&gt;</c>.</summary>
internal static class TeamsMention
{
    public const string Open = "<at>";
    public const string Close = "</at>";

    public static bool TryReadName(string token, [NotNullWhen(true)] out string? name)
    {
        name = null;
        if (token.Length < Open.Length + Close.Length
            || !token.StartsWith(Open, StringComparison.OrdinalIgnoreCase)
            || !token.EndsWith(Close, StringComparison.OrdinalIgnoreCase))
        {
            return false;
        }

        name = token[Open.Length..^Close.Length].Trim();
        return true;
    }
}
