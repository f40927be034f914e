using SecBot.Chat.Commands;
using SecBot.Chat.Ids;
using SecBot.Chat.Parsing;
using static SecBot.Chat.Tests.TestPolicy;

namespace SecBot.Chat.Tests.Parsing;

/// <summary>A mistyped command word gets "did you mean …?" and that command's usage, not the whole help.</summary>
public class DidYouMeanTests
{
    [Theory]
    [InlineData("aprove REV-1", CommandWords.Approve)]
    [InlineData("apporve REV-1", CommandWords.Approve)]
    [InlineData("Rejcet REV-1 no", CommandWords.Reject)]
    [InlineData("decalre Phish", CommandWords.Declare)]
    [InlineData("ak INC-1", CommandWords.Ack)]
    [InlineData("acknowlege INC-1", CommandWords.Ack)]
    [InlineData("on-cal", CommandWords.OnCall)]
    [InlineData("coment REV-1 hi", CommandWords.Comment)]
    public void A_word_within_two_edits_of_a_command_suggests_it_with_its_usage(string text, string meant)
    {
        var error = ExpectError(text);

        Assert.EndsWith($"is not a SecBot command; did you mean {meant}?", error.Problem, StringComparison.Ordinal);
        Assert.Equal(UsageOf(meant), error.Usage);
    }

    [Theory]
    [InlineData("deploy prod")]
    [InlineData("x")]
    [InlineData("thanks")]
    public void A_word_far_from_every_command_gets_the_whole_help(string text)
    {
        var error = ExpectError(text);

        Assert.EndsWith("is not a SecBot command.", error.Problem, StringComparison.Ordinal);
        Assert.Equal(Parser.Usage.HelpText, error.Usage);
    }

    [Fact]
    public void The_suggestion_changes_nothing_it_is_only_advice() =>
        Assert.IsType<ParseError>(Parser.Parse("aprove REV-1"));

    [Theory]
    [InlineData("approve", "approve", 0)]
    [InlineData("aprove", "approve", 1)]
    [InlineData("apporve", "approve", 1)]
    [InlineData("ack", "kca", 2)]
    [InlineData("", "ack", 3)]
    public void Edit_distance_counts_inserts_deletes_substitutions_and_swaps(string a, string b, int expected) =>
        Assert.Equal(expected, EditDistance.Between(a, b));

    [Fact]
    public void Comment_and_object_need_their_text() =>
        Assert.All(new[] { ("comment REV-1", CommandWords.Comment), ("object REV-1", CommandWords.Object) }, pair =>
        {
            var error = ExpectError(pair.Item1);
            Assert.Equal(UsageOf(pair.Item2), error.Usage);
            Assert.Equal(new ApproveCommand(new GateId(1), null), Parser.Parse("approve REV-1"));
        });

    [Fact]
    public void A_stage_that_is_not_a_number_is_refused_with_the_approve_usage()
    {
        var error = ExpectError("approve REV-1 stage:two");

        Assert.Contains("stage: takes a stage number", error.Problem, StringComparison.Ordinal);
        Assert.Equal(UsageOf(CommandWords.Approve), error.Usage);
    }
}
