using SecBot.Chat.Parsing;
using static SecBot.Chat.Tests.TestPolicy;

namespace SecBot.Chat.Tests.Parsing;

public class CommandUsageTests
{
    [Fact]
    public void Help_has_one_line_for_every_command_in_the_contract()
    {
        string[] contractSyntax =
        [
            "help", "declare <title>", "ack [INC-n]", "escalate INC-n [reason]", "resolve INC-n [summary]",
            "status [INC-n|REV-n]", "oncall [role]", "cover <role> <from> <to> [@person]", "review <gate-type> <title>",
            "approve REV-n [comment]", "reject REV-n <reason>", "comment REV-n <text>", "object REV-n <text>", "resubmit REV-n [note]", "override REV-n <seat> <reason>", "reviews", "request tool <title>",
            "retry [MSG-n|TMR-n]", "report INC-n",
        ];

        var lines = Parser.Usage.HelpText.Split('\n');
        Assert.Equal(contractSyntax.Length, lines.Length);
        Assert.All(contractSyntax.Zip(lines), pair => Assert.StartsWith(pair.First, pair.Second, StringComparison.Ordinal));
    }

    [Fact]
    public void Declare_usage_lists_the_configured_levels_and_types() =>
        Assert.StartsWith(
            "declare <title> [level:L1|L2|L3|Executive|EXEC] [type:general|customer|aws]",
            UsageOf(CommandWords.Declare),
            StringComparison.Ordinal);

    [Fact]
    public void Review_usage_lists_the_configured_gate_types() =>
        Assert.Contains("tool-request", UsageOf(CommandWords.Review), StringComparison.Ordinal);

    [Fact]
    public void Override_usage_lists_the_configured_seats() =>
        Assert.Contains("seats: SecArch, RedTeam, SOC, IRLead", UsageOf(CommandWords.Override), StringComparison.Ordinal);

    [Fact]
    public void Usage_without_configured_levels_shows_placeholders()
    {
        var usage = new CommandUsage(new CommandVocabulary([], [], [], []));
        Assert.StartsWith("declare <title> [level:<level>] [type:<type>]", usage.For(CommandWords.Declare).Text, StringComparison.Ordinal);
    }

    [Fact]
    public void Every_usage_line_is_part_of_the_help_text() =>
        Assert.All(Parser.Usage.Lines, line => Assert.Contains(line.Text, Parser.Usage.HelpText, StringComparison.Ordinal));

    [Fact]
    public void Asking_for_the_usage_of_an_unknown_command_is_a_programming_error() =>
        Assert.Throws<ArgumentException>(() => Parser.Usage.For("deploy"));
}
