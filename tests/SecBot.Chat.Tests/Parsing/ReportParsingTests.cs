using SecBot.Chat.Commands;
using SecBot.Chat.Ids;
using SecBot.Chat.Parsing;
using static SecBot.Chat.Tests.TestPolicy;

namespace SecBot.Chat.Tests.Parsing;

public class ReportParsingTests
{
    [Theory]
    [InlineData("report INC-3", 3)]
    [InlineData("report inc-12", 12)]
    [InlineData("secbot REPORT Inc-007", 7)]
    public void Report_reads_one_incident_id(string text, int number) =>
        Assert.Equal(new ReportCommand(new IncidentId(number)), Parser.Parse(text));

    [Theory]
    [InlineData("report", "report needs an incident id such as INC-12.")]
    [InlineData("report REV-3", "REV-3 is a review gate; report takes an incident id such as INC-12.")]
    [InlineData("report INC-x", "'INC-x' is not an incident id; ids look like INC-12.")]
    [InlineData("report INC-3 INC-4", "report takes one incident id; 'INC-4' is extra.")]
    [InlineData("report last week", "'last' is not an incident id; ids look like INC-12.")]
    public void Bad_report_input_names_the_problem_and_shows_the_usage(string text, string problem)
    {
        var error = Assert.IsType<ParseError>(Parser.Parse(text));

        Assert.Equal(problem, error.Problem);
        Assert.Equal(Parser.Usage.For(CommandWords.Report).Text, error.Usage);
        Assert.StartsWith("report INC-n — ", error.Usage, StringComparison.Ordinal);
    }

    [Fact]
    public void A_misspelt_report_is_recognised() =>
        Assert.Contains("did you mean report?", Assert.IsType<ParseError>(Parser.Parse("reprot INC-1")).Problem, StringComparison.Ordinal);

    [Fact]
    public void Help_report_shows_its_usage() =>
        Assert.Equal(new HelpCommand(CommandWords.Report), Parser.Parse("help report"));
}
