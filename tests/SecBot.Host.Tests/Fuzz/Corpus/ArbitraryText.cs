using System.Text;

namespace SecBot.Testing.Fuzz;

/// <summary>Strings a parser must survive: control characters, lone surrogates, direction overrides, markup and command syntax.</summary>
internal static class ArbitraryText
{
    private static readonly string[] Pieces =
    [
        "\u0000", "\u0001", "\n", "\r\n", "\t", "\uD800", "\uDFFF", "\u202E", "\uFEFF", "\U0001F525", "é", "<at>", "</at>", "<@U1>",
        "&amp;", "%", "%ZZ", "+", "&", "=", "\"", "\\", "'", "{", "}", "[", "]", "INC-1", "REV-1", "declare", "approve", "level:L3",
        "type:customer", "29:", "a:", "19:x@thread.tacv2;messageid=1", "https://", "null", "-1", "9999999999999999999999", " ",
    ];

    public static string Next(Random random)
    {
        var text = new StringBuilder();
        for (var i = random.Next(0, 12); i > 0; i--)
        {
            text.Append(random.Next(3) == 0 ? (char)random.Next(0, 0x10000) : Pieces[random.Next(Pieces.Length)][0..]);
        }

        return text.ToString();
    }
}
