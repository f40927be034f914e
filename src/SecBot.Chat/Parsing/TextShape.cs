using System.Text;

namespace SecBot.Chat.Parsing;

internal static class TextShape
{
    private const int EchoMaxLength = 40;

    public static string CollapseWhitespace(string text)
    {
        var builder = new StringBuilder(text.Length);
        var pendingSpace = false;
        foreach (var c in text)
        {
            if (char.IsWhiteSpace(c))
            {
                pendingSpace = builder.Length > 0;
                continue;
            }

            if (pendingSpace) builder.Append(' ');
            pendingSpace = false;
            builder.Append(c);
        }

        return builder.ToString();
    }

    /// <summary>User text quoted back in an error: on one line and short, so a 10 KB title does not come back as a 10 KB error.</summary>
    public static string Echo(string text)
    {
        var line = CollapseWhitespace(text);
        if (line.Length <= EchoMaxLength) return $"'{line}'";
        var cut = char.IsHighSurrogate(line[EchoMaxLength - 1]) ? EchoMaxLength - 1 : EchoMaxLength;
        return $"'{line[..cut]}…'";
    }
}
