using SecBot.Chat.Cards;
using SecBot.Slack.Rendering;

namespace SecBot.Slack.Tests.Rendering;

public sealed class ButtonCodecTests
{
    [Theory]
    [InlineData("incident.ack", "incident.ack")]
    [InlineData("incident.ack#3", "incident.ack")]
    [InlineData("incident.ack#x", "incident.ack#x")]
    [InlineData("#1", "#1")]
    public void Slack_action_ids_map_back_to_card_action_ids(string slack, string card)
    {
        Assert.Equal(card, ButtonCodec.CardActionId(slack));
    }

    [Fact]
    public void A_plain_value_decodes_to_itself_with_no_inputs()
    {
        var form = ButtonCodec.DecodeValue("INC-7");

        Assert.Equal(("INC-7", 0), (form!.Value, form.Asks.Count));
    }

    [Fact]
    public void A_forged_form_value_is_rejected_not_thrown()
    {
        Assert.Null(ButtonCodec.DecodeValue("form:{not json"));
    }

    [Fact]
    public void A_form_value_round_trips_its_inputs()
    {
        var button = new CardButton("Reject", "gate.reject", "REV-7@2") { Asks = [new CardInput("reason", "Why?", CardInputKind.MultilineText, Required: true)] };

        var form = ButtonCodec.DecodeValue(ButtonCodec.EncodeValue(button));

        Assert.Equal("REV-7@2", form!.Value);
        var input = Assert.Single(form.Asks);
        Assert.Equal(("reason", "Why?", CardInputKind.MultilineText, true), (input.Id, input.Label, input.Kind, input.Required));
    }

    [Fact]
    public void A_form_value_carries_the_title_people_read_and_an_old_value_without_one_still_decodes()
    {
        var button = new CardButton("Reject", "gate.reject", "REV-7@2/1/SecArch")
        {
            Asks = [new CardInput("reason", "Why?", CardInputKind.MultilineText, Required: true)],
            FormTitle = "Reject REV-7",
        };

        var form = ButtonCodec.DecodeValue(ButtonCodec.EncodeValue(button));
        var oldValue = ButtonCodec.EncodeValue(button with { Value = "REV-7@2", FormTitle = null })!;
        var old = ButtonCodec.DecodeValue(oldValue);

        Assert.Equal(("REV-7@2/1/SecArch", "Reject REV-7"), (form!.Value, form.Title));
        Assert.DoesNotContain("title", oldValue, StringComparison.Ordinal);
        Assert.Equal(("REV-7@2", (string?)null, "Reject"), (old!.Value, old.Title, old.Label));
    }
}
