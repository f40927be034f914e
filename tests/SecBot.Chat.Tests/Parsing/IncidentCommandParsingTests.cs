using SecBot.Chat.Commands;
using SecBot.Chat.Ids;
using SecBot.Chat.Parsing;
using static SecBot.Chat.Tests.TestPolicy;

namespace SecBot.Chat.Tests.Parsing;

public class IncidentCommandParsingTests
{
    private static readonly IncidentId Inc3 = new(3);

    public static TheoryData<string, ChatCommand> ValidForms => new()
    {
        { "ack", new AckCommand(null) },
        { "ack INC-12", new AckCommand(new IncidentId(12)) },
        { "ack inc-12", new AckCommand(new IncidentId(12)) },
        { "ACK Inc-007", new AckCommand(new IncidentId(7)) },
        { "acknowledge INC-3", new AckCommand(Inc3) },
        { "escalate", new EscalateCommand(null, null) },
        { "escalate INC-3", new EscalateCommand(Inc3, null) },
        { "escalate INC-3 customer data involved", new EscalateCommand(Inc3, "customer data involved") },
        { "escalate INC-3 \"customer data involved\"", new EscalateCommand(Inc3, "customer data involved") },
        { "escalate INC-3 first line\nsecond  line", new EscalateCommand(Inc3, "first line\nsecond  line") },
        { "escalate customer data involved", new EscalateCommand(null, "customer data involved") },
        { "escalate Incoming traffic doubled", new EscalateCommand(null, "Incoming traffic doubled") },
        { "resolve", new ResolveCommand(null, null) },
        { "resolve INC-3", new ResolveCommand(Inc3, null) },
        { "resolve inc-3 Rotated the keys; no data left the account", new ResolveCommand(Inc3, "Rotated the keys; no data left the account") },
        { "resolve false positive", new ResolveCommand(null, "false positive") },
    };

    [Theory]
    [MemberData(nameof(ValidForms))]
    public void Incident_commands_read_an_optional_id_and_text(string text, ChatCommand expected) =>
        Assert.Equal(expected, Parser.Parse(text));

    [Theory]
    [InlineData("ack INC-0", CommandWords.Ack, "'INC-0' is not an incident id")]
    [InlineData("ack foo", CommandWords.Ack, "'foo' is not an incident id")]
    [InlineData("ack REV-3", CommandWords.Ack, "REV-3 is a review gate")]
    [InlineData("ack INC-1 INC-2", CommandWords.Ack, "'INC-2' is extra")]
    [InlineData("ack INC-99999999999", CommandWords.Ack, "is not an incident id")]
    [InlineData("escalate INC-x it is spreading", CommandWords.Escalate, "'INC-x' is not an incident id")]
    [InlineData("escalate inc12 it is spreading", CommandWords.Escalate, "'inc12' is not an incident id")]
    [InlineData("escalate REV-2", CommandWords.Escalate, "REV-2 is a review gate")]
    [InlineData("resolve INC--1 done", CommandWords.Resolve, "is not an incident id")]
    public void A_malformed_incident_id_is_an_error_not_a_reason(string text, string command, string problem)
    {
        var error = ExpectError(text);
        Assert.Contains(problem, error.Problem, StringComparison.Ordinal);
        Assert.Equal(UsageOf(command), error.Usage);
    }

    [Fact]
    public void A_reason_over_the_limit_is_refused_with_the_limit()
    {
        var error = ExpectError($"escalate INC-3 {new string('r', CommandLimits.TextMaxLength + 1)}");
        Assert.Contains("limit is 2,000", error.Problem, StringComparison.Ordinal);
    }

    [Fact]
    public void A_summary_of_the_maximum_length_is_accepted()
    {
        var summary = new string('s', CommandLimits.TextMaxLength);
        Assert.Equal(new ResolveCommand(Inc3, summary), Parser.Parse($"resolve INC-3 {summary}"));
    }

    public static TheoryData<string, ChatCommand> StatusForms => new()
    {
        { "status", new OpenIncidentsStatusCommand() },
        { "status INC-4", new IncidentStatusCommand(new IncidentId(4)) },
        { "STATUS rev-9", new GateStatusCommand(new GateId(9)) },
    };

    [Theory]
    [MemberData(nameof(StatusForms))]
    public void Status_shows_open_incidents_one_incident_or_one_gate(string text, ChatCommand expected) =>
        Assert.Equal(expected, Parser.Parse(text));

    [Theory]
    [InlineData("status foo", "'foo' is not an incident id (INC-12) or a review gate id (REV-7)")]
    [InlineData("status INC-1 REV-2", "at most one id")]
    public void Status_refuses_anything_but_one_id(string text, string problem)
    {
        var error = ExpectError(text);
        Assert.Contains(problem, error.Problem, StringComparison.Ordinal);
        Assert.Equal(UsageOf(CommandWords.Status), error.Usage);
    }
}
