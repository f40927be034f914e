using SecBot.Chat.Commands;
using SecBot.Chat.Ids;
using SecBot.Chat.Parsing;
using static SecBot.Chat.Tests.TestPolicy;

namespace SecBot.Chat.Tests.Parsing;

public class ReviewCommandParsingTests
{
    private static readonly GateId Rev7 = new(7);

    public static TheoryData<string, ChatCommand> ValidForms => new()
    {
        { "review threat-model Payments API v2", new OpenReviewCommand("threat-model", "Payments API v2") },
        { "review THREAT-MODEL \"Payments API\"", new OpenReviewCommand("threat-model", "Payments API") },
        { "Review high-risk-deploy Rotate the KMS root key", new OpenReviewCommand("high-risk-deploy", "Rotate the KMS root key") },
        { "approve REV-7", new ApproveCommand(Rev7, null) },
        { "approve rev-7 LGTM, ship it", new ApproveCommand(Rev7, "LGTM, ship it") },
        { "approve REV-7 \"quoted comment\"", new ApproveCommand(Rev7, "quoted comment") },
        { "approve REV-7 stage:2", new ApproveCommand(Rev7, null, 2) },
        { "approve REV-7 Stage:2 peer review done", new ApproveCommand(Rev7, "peer review done", 2) },
        { "approve REV-7 stage: 3 ok", new ApproveCommand(Rev7, "ok", 3) },
        { "approve REV-7 \"stage:2\" is what I mean", new ApproveCommand(Rev7, "\"stage:2\" is what I mean") },
        { "comment REV-7 which queue does it read?", new CommentCommand(Rev7, "which queue does it read?") },
        { "Object rev-7 no runbook for agent crashes", new ObjectCommand(Rev7, "no runbook for agent crashes") },
        { "reject REV-7 missing the threat model", new RejectCommand(Rev7, "missing the threat model") },
        { "reject REV-7 1. no runbook\n2. no alerting", new RejectCommand(Rev7, "1. no runbook\n2. no alerting") },
        { "resubmit REV-7", new ResubmitCommand(Rev7, null) },
        { "resubmit REV-7 added the data-flow diagram", new ResubmitCommand(Rev7, "added the data-flow diagram") },
        { "override REV-7 IRLead Priya led the incident and cannot sign her own postmortem", new OverrideCommand(Rev7, "IRLead", "Priya led the incident and cannot sign her own postmortem") },
        { "Override rev-7 irlead \"on leave until May\"", new OverrideCommand(Rev7, "IRLead", "on leave until May") },
        { "override REV-7 soc runbook owner is out", new OverrideCommand(Rev7, "SOC", "runbook owner is out") },
        { "reviews", new PendingReviewsCommand() },
        { "REVIEWS", new PendingReviewsCommand() },
        { "request tool Osquery fleet manager", new RequestToolCommand("Osquery fleet manager") },
        { "Request TOOL \"YARA scanner\"", new RequestToolCommand("YARA scanner") },
    };

    [Theory]
    [MemberData(nameof(ValidForms))]
    public void Review_commands_read_their_gate_and_text(string text, ChatCommand expected) =>
        Assert.Equal(expected, Parser.Parse(text));

    [Theory]
    [InlineData("review", CommandWords.Review, "needs a gate type and a title")]
    [InlineData("review threat-model", CommandWords.Review, "needs a title")]
    [InlineData("review lunch-order pizza", CommandWords.Review, "Unknown gate type 'lunch-order'")]
    [InlineData("approve", CommandWords.Approve, "needs a review gate id such as REV-7")]
    [InlineData("approve INC-3", CommandWords.Approve, "INC-3 is an incident")]
    [InlineData("approve REV-x looks fine", CommandWords.Approve, "'REV-x' is not a review gate id")]
    [InlineData("reject REV-7", CommandWords.Reject, "needs a reason")]
    [InlineData("reject REV-7 \"  \"", CommandWords.Reject, "needs a reason")]
    [InlineData("reject", CommandWords.Reject, "needs a review gate id")]
    [InlineData("resubmit INC-1", CommandWords.Resubmit, "INC-1 is an incident")]
    [InlineData("override", CommandWords.Override, "needs a review gate id such as REV-7")]
    [InlineData("override REV-7", CommandWords.Override, "needs the seat to fill after REV-7")]
    [InlineData("override REV-7 IRLead", CommandWords.Override, "needs a reason")]
    [InlineData("override REV-7 IRLead \"  \"", CommandWords.Override, "needs a reason")]
    [InlineData("override REV-7 Janitor on leave", CommandWords.Override, "Unknown seat 'Janitor'. Valid seats: SecArch, RedTeam, SOC, IRLead")]
    [InlineData("override INC-3 IRLead on leave", CommandWords.Override, "INC-3 is an incident")]
    [InlineData("override REV-x IRLead on leave", CommandWords.Override, "'REV-x' is not a review gate id")]
    [InlineData("override 7 IRLead on leave", CommandWords.Override, "'7' is not a review gate id")]
    [InlineData("reviews please", CommandWords.Reviews, "'please' is extra")]
    [InlineData("request", CommandWords.Request, "request is followed by tool")]
    [InlineData("request coffee", CommandWords.Request, "request is followed by tool")]
    [InlineData("request tool", CommandWords.Request, "needs a title")]
    public void Review_command_mistakes_say_what_is_wrong(string text, string command, string problem)
    {
        var error = ExpectError(text);
        Assert.Contains(problem, error.Problem, StringComparison.Ordinal);
        Assert.Equal(UsageOf(command), error.Usage);
    }

    [Fact]
    public void Override_takes_a_seat_id_in_any_case_and_keeps_the_policy_spelling() =>
        Assert.Equal("SecArch", Assert.IsType<OverrideCommand>(Parser.Parse("override REV-7 SECARCH architect is away")).Seat);

    [Fact]
    public void Override_without_configured_seats_leaves_the_seat_to_the_engine() =>
        Assert.Equal(
            new OverrideCommand(Rev7, "Anything", "why"),
            new CommandParser(new CommandVocabulary([], [], [], [])).Parse("override REV-7 Anything why"));

    [Fact]
    public void An_unknown_gate_type_lists_the_valid_ones() =>
        Assert.Contains("threat-model", ExpectError("review lunch-order pizza").Problem, StringComparison.Ordinal);

    [Theory]
    [InlineData("approve REV-7 {0}", "comment")]
    [InlineData("reject REV-7 {0}", "reason")]
    [InlineData("resubmit REV-7 {0}", "note")]
    [InlineData("override REV-7 IRLead {0}", "reason")]
    public void Free_text_over_the_limit_is_refused_naming_what_was_too_long(string format, string what)
    {
        var text = string.Format(System.Globalization.CultureInfo.InvariantCulture, format, new string('c', CommandLimits.TextMaxLength + 1));
        Assert.Contains($"The {what} is 2,001 characters long; the limit is 2,000", ExpectError(text).Problem, StringComparison.Ordinal);
    }

    [Fact]
    public void A_review_title_over_the_limit_is_refused() =>
        Assert.Contains("limit is 300", ExpectError($"request tool {new string('t', 301)}").Problem, StringComparison.Ordinal);
}
