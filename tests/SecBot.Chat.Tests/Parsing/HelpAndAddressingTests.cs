using SecBot.Chat.Commands;
using SecBot.Chat.Ids;
using static SecBot.Chat.Tests.TestPolicy;

namespace SecBot.Chat.Tests.Parsing;

public class HelpAndAddressingTests
{
    [Theory]
    [InlineData("help", null)]
    [InlineData("HELP", null)]
    [InlineData("help declare", "declare")]
    [InlineData("help DECLARE", "declare")]
    [InlineData("help acknowledge", "ack")]
    [InlineData("help me please", null)]
    public void Help_shows_every_command_or_the_one_asked_about(string text, string? topic) =>
        Assert.Equal(new HelpCommand(topic), Parser.Parse(text));

    [Fact]
    public void Help_on_a_misspelt_command_shows_the_command_it_most_likely_means_and_says_so() =>
        Assert.Equal(new HelpCommand("approve", "'aprove' is not a SecBot command; did you mean approve?"), Parser.Parse("help aprove"));

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("   ")]
    [InlineData("\t\r\n")]
    [InlineData("/secbot")]
    [InlineData("<@U0SECBOT1>")]
    [InlineData("<at>SecBot</at>")]
    public void A_message_with_no_command_gets_help(string? text) =>
        Assert.Equal(new HelpCommand(null), Parser.Parse(text));

    [Theory]
    [InlineData("/secbot ack INC-3")]
    [InlineData("secbot ack INC-3")]
    [InlineData("SecBot: ack INC-3")]
    [InlineData("@secbot, ack INC-3")]
    [InlineData("<@U0SECBOT1> ack INC-3")]
    [InlineData("<@U0SECBOT1|secbot> ack INC-3")]
    [InlineData("<at>SecBot</at> ack INC-3")]
    [InlineData("<AT>Sec Bot</AT>ack INC-3")]
    [InlineData("<at>SecBot</at>&nbsp;ack INC-3")]
    [InlineData("&lt;at&gt;SecBot&lt;/at&gt; ack INC-3")]
    [InlineData("<@U0SECBOT1> <at>SecBot</at> /secbot ack INC-3")]
    [InlineData("  \n<@U0SECBOT1>   ack   INC-3  ")]
    public void The_bot_name_and_mentions_before_the_command_are_ignored(string text) =>
        Assert.Equal(new AckCommand(new IncidentId(3)), Parser.Parse(text));

    [Fact]
    public void A_mention_after_the_command_word_is_not_skipped() =>
        Assert.IsType<ParseError>(Parser.Parse("ack <@U0SECBOT1> INC-3"));

    [Theory]
    [InlineData("deploy prod", "'deploy' is not a SecBot command.")]
    [InlineData("\"declare x\"", "'declare x' is not a SecBot command.")]
    [InlineData("<!channel> help", "'<!channel>' is not a SecBot command.")]
    public void An_unknown_command_is_named_and_answered_with_every_usage(string text, string problem)
    {
        var error = ExpectError(text);
        Assert.Equal(problem, error.Problem);
        Assert.Equal(Parser.Usage.HelpText, error.Usage);
    }
}
