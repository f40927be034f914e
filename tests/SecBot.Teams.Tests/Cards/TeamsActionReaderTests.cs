using System.Text.Json.Nodes;
using SecBot.Chat.Cards;
using SecBot.Teams.Cards;
using SecBot.Teams.Tests.Support;

namespace SecBot.Teams.Tests.Cards;

public sealed class TeamsActionReaderTests
{
    [Fact]
    public void The_captured_invoke_is_a_card_action_whose_data_is_not_secbots_and_is_refused_saying_so()
    {
        var activity = TeamsFixtures.Activity("inbound.invoke.adaptiveCard-action.personal.json");

        Assert.True(TeamsActionReader.IsCardAction(activity));
        var read = TeamsActionReader.Read(activity);

        Assert.False(read.IsSuccess);
        Assert.Equal("the card action's data is not SecBot's (it has no \"secbot\" string)", read.Error);
    }

    [Fact]
    public void The_captured_message_back_click_is_a_card_action_whose_value_is_not_secbots()
    {
        var activity = TeamsFixtures.Activity("inbound.message.action-submit-messageBack.channel.json");

        Assert.True(TeamsActionReader.IsCardAction(activity));
        Assert.Equal("the card action's data is not SecBot's (it has no \"secbot\" string)", TeamsActionReader.Read(activity).Error);
    }

    [Fact]
    public void A_secbot_button_sent_as_action_submit_is_read_from_the_message_value_with_its_inputs()
    {
        var data = new JsonObject { ["secbot"] = ActionIds.Reject, ["value"] = "REV-3@1", ["ns"] = "b1", ["b1.reason"] = "No threat model", ["b0.reason"] = "another button's" };

        var read = TeamsActionReader.Read(CardClicks.LegacySubmit(data));

        var button = Assert.IsType<CardButtonPress>(read.Value).Button;
        Assert.Equal((ActionIds.Reject, "REV-3@1"), (button.ActionId, button.Value));
        Assert.Equal("No threat model", Assert.Single(button.Inputs).Value);
        Assert.Equal("1575667808184", CardClicks.LegacySubmit(data).ReplyToId);
    }

    [Fact]
    public void A_typed_message_is_not_a_card_action()
    {
        var activity = TeamsFixtures.Activity("inbound.message.channel-mention.json");

        Assert.False(TeamsActionReader.IsCardAction(activity));
        Assert.Equal("the message carries no card data (no \"value\" object)", TeamsActionReader.Read(activity).Error);
    }

    [Theory]
    [InlineData("{\"type\":\"Action.Submit\",\"data\":{\"secbot\":\"incident.ack\",\"value\":\"INC-1\"}}", "the card action is \"Action.Submit\", not Action.Execute")]
    [InlineData("{\"data\":{\"secbot\":\"incident.ack\",\"value\":\"INC-1\"}}", "the card action is untyped, not Action.Execute")]
    [InlineData("{\"type\":\"Action.Execute\"}", "the card action carries no data object")]
    [InlineData("{\"type\":\"Action.Execute\",\"data\":\"INC-1\"}", "the card action carries no data object")]
    [InlineData("{\"type\":\"Action.Execute\",\"verb\":\"incident.resolve\",\"data\":{\"secbot\":\"incident.ack\",\"value\":\"INC-1\"}}", "the card action's verb \"incident.resolve\" does not match its data's action \"incident.ack\"")]
    [InlineData("{\"type\":\"Action.Execute\",\"data\":{\"secbot\":\"incident.ack\"}}", "the SecBot button \"incident.ack\" carries no \"value\" string")]
    [InlineData("{\"type\":\"Action.Execute\",\"data\":{\"secbot\":\"form\"}}", "the SecBot form submission names no \"form\"")]
    [InlineData("{\"type\":\"Action.Execute\",\"data\":{\"secbot\":\"gate.approve\",\"value\":\"REV-1@1\",\"ns\":\"b0\",\"checklists\":[\"x\"]}}", "the card action's \"checklists\" is not an object of option lists")]
    [InlineData("{\"type\":\"Action.Execute\",\"data\":{\"secbot\":\"gate.approve\",\"value\":\"REV-1@1\",\"ns\":\"b0\",\"checklists\":{\"checklist\":[1]}}}", "the card action's \"checklists\" is not an object of option lists")]
    public void A_malformed_or_foreign_invoke_is_refused_naming_the_problem(string action, string error)
    {
        var json = TeamsFixtures.Json("inbound.invoke.adaptiveCard-action.personal.json");
        json["value"]!["action"] = JsonNode.Parse(action);

        Assert.Equal(error, TeamsActionReader.Read(TeamsFixtures.Parse(json)).Error);
    }

    [Fact]
    public void An_invoke_without_an_action_or_of_another_name_is_not_a_card_action()
    {
        var json = TeamsFixtures.Json("inbound.invoke.adaptiveCard-action.personal.json");
        json["value"] = "clicked";
        Assert.Equal("the adaptiveCard/action invoke has no value.action object", TeamsActionReader.Read(TeamsFixtures.Parse(json)).Error);

        json["name"] = "composeExtension/query";
        Assert.False(TeamsActionReader.IsCardAction(TeamsFixtures.Parse(json)));
        Assert.Equal("the invoke activity named \"composeExtension/query\" is not an Adaptive Card action", TeamsActionReader.Read(TeamsFixtures.Parse(json)).Error);
    }

    [Fact]
    public void The_verb_is_optional_and_routing_is_on_the_data()
    {
        var read = TeamsActionReader.Read(CardClicks.Invoke(new JsonObject
        {
            ["type"] = "Action.Execute",
            ["title"] = "Acknowledge",
            ["data"] = new JsonObject { ["secbot"] = ActionIds.Acknowledge, ["value"] = "INC-9" },
        }));

        var button = Assert.IsType<CardButtonPress>(read.Value).Button;
        Assert.Equal((ActionIds.Acknowledge, "INC-9"), (button.ActionId, button.Value));
        Assert.Empty(button.Inputs);
    }
}
