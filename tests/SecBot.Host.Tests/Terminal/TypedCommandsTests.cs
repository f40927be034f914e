using SecBot.Chat.Cards;
using SecBot.Host.Terminal;

namespace SecBot.Host.Tests.Terminal;

public sealed class TypedCommandsTests
{
    private static readonly CardInput Reason = new(ActionIds.Inputs.Reason, "Reason", CardInputKind.MultilineText, Required: true);

    [Theory]
    [InlineData(ActionIds.Acknowledge, "INC-3@L1", "ack INC-3")]
    [InlineData(ActionIds.Approve, "REV-7@2/1/SecArch", "approve REV-7 stage:1")]
    [InlineData(ActionIds.Approve, "REV-7@2", "approve REV-7")]
    public void A_button_that_asks_nothing_is_its_command(string action, string value, string typed) =>
        Assert.Equal(typed, TypedCommands.For(new CardButton("Press", action, value)));

    [Fact]
    public void What_a_button_asks_for_is_shown_as_required_or_optional_arguments()
    {
        Assert.Equal("reject REV-7 <reason>", TypedCommands.For(new CardButton("Reject", ActionIds.Reject, "REV-7@2/1") { Asks = [Reason] }));
        Assert.Equal("escalate INC-3 [reason]", TypedCommands.For(new CardButton("Escalate", ActionIds.Escalate, "INC-3@L1") { Asks = [Reason with { Required = false }] }));
    }

    [Fact]
    public void A_checklist_approval_has_no_typed_form_and_says_where_to_press_it()
    {
        var approve = new CardButton("Approve", ActionIds.Approve, "REV-7@2/1")
        {
            Asks = [new CardInput(ActionIds.Inputs.Checklist, "I attest", CardInputKind.Checkboxes, Required: true) { Options = ["Tested"] }],
        };
        var card = new Card { Title = "REV-7: review", Buttons = [approve, new CardButton("Reject", ActionIds.Reject, "REV-7@2/1") { Asks = [Reason] }], Context = "Requested by Maya" };

        Assert.Null(TypedCommands.For(approve));
        Assert.Equal("REV-7: review\nCommands: Approve (press it in Slack, Teams or the web console) · reject REV-7 <reason>\nRequested by Maya", TypedCommands.PlainText(card));
    }
}
