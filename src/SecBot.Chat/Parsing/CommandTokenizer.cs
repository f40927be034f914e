namespace SecBot.Chat.Parsing;

/// <summary>
/// Splits a message into words and quoted phrases. A quote opens a phrase only at the start of a word and closes
/// it only at the end of one, so apostrophes (<c>can't</c>, <c>Bob’s</c>) stay ordinary letters; a quote that is
/// never closed is an ordinary character too. Teams' <c>&lt;at&gt;Maya Chen&lt;/at&gt;</c> is one token.
/// </summary>
internal static class CommandTokenizer
{
    private const int NoFamily = -1;

    public static List<Token> Tokenize(string text)
    {
        var tokens = new List<Token>();

        // Once a search for a closing quote (or </at>) fails, every later one fails too; remembering that keeps
        // tokenizing linear for inputs such as ten thousand unclosed quotes.
        var familyHasNoCloser = new bool[3];
        var noTeamsMentionClose = false;

        var i = 0;
        while (i < text.Length)
        {
            if (char.IsWhiteSpace(text[i]))
            {
                i++;
                continue;
            }

            var start = i;
            var family = QuoteFamily(text[i]);
            if (family != NoFamily && !familyHasNoCloser[family])
            {
                var close = FindClosingQuote(text, start + 1, family);
                if (close >= 0)
                {
                    tokens.Add(new Token(text[(start + 1)..close], text[start..(close + 1)], start, close + 1, IsQuoted: true));
                    i = close + 1;
                    continue;
                }

                familyHasNoCloser[family] = true;
            }

            if (!noTeamsMentionClose && text.AsSpan(start).StartsWith(TeamsMention.Open, StringComparison.OrdinalIgnoreCase))
            {
                var close = text.IndexOf(TeamsMention.Close, start + TeamsMention.Open.Length, StringComparison.OrdinalIgnoreCase);
                if (close >= 0)
                {
                    var end = close + TeamsMention.Close.Length;
                    var mention = text[start..end];
                    tokens.Add(new Token(mention, mention, start, end, IsQuoted: false));
                    i = end;
                    continue;
                }

                noTeamsMentionClose = true;
            }

            while (i < text.Length && !char.IsWhiteSpace(text[i])) i++;
            var word = text[start..i];
            tokens.Add(new Token(word, word, start, i, IsQuoted: false));
        }

        return tokens;
    }

    private static int FindClosingQuote(string text, int from, int family)
    {
        for (var j = from; j < text.Length; j++)
        {
            if (QuoteFamily(text[j]) == family && (j + 1 == text.Length || char.IsWhiteSpace(text[j + 1]))) return j;
        }

        return -1;
    }

    // Phones and word processors turn straight quotes into curly ones, sometimes the "wrong" way round,
    // so any quote of a family closes any other of the same family.
    private static int QuoteFamily(char c) => c switch
    {
        '"' or '\u201C' or '\u201D' or '\u201E' => 0,
        '\'' or '\u2018' or '\u2019' or '\u201A' => 1,
        '\u00AB' or '\u00BB' => 2,
        _ => NoFamily,
    };
}
