using System.Text;
using SecBot.Teams.Activities;
using SecBot.Teams.Tests.Support;

namespace SecBot.Teams.Tests.Activities;

public sealed class ActivityParserTests
{
    [Theory]
    [InlineData("{\"type\":\"message\"", "activity is malformed")]
    [InlineData("", "activity is malformed")]
    [InlineData("[{\"type\":\"message\"}]", "activity is not a JSON object")]
    [InlineData("\"message\"", "activity is not a JSON object")]
    [InlineData("{\"text\":\"hi\"}", "activity has no \"type\" string")]
    [InlineData("{\"type\":7}", "activity has no \"type\" string")]
    [InlineData("{\"type\":\"  \"}", "activity has no \"type\" string")]
    [InlineData("{\"type\":\"message\",\"text\":5}", "activity is malformed")]
    [InlineData("{\"type\":\"message\",\"from\":\"29:x\"}", "activity is malformed")]
    [InlineData("{\"type\":\"message\",\"timestamp\":\"yesterday\"}", "activity is malformed")]
    [InlineData("{\"type\":\"message\",\"text\":\"\\ud800\"}", "activity is malformed")]
    // Found by the fuzz properties: the card data is kept raw, and reading these strings later threw (a 500).
    [InlineData("{\"type\":\"message\",\"value\":{\"secbot\":\"\\ud800\"}}", "activity is malformed")]
    [InlineData("{\"type\":\"invoke\",\"value\":{\"action\":{\"data\":[\"\\udc00\"]}}}", "activity is malformed")]
    [InlineData("{\"type\":\"message\",\"value\":{\"\\ud800\":1}}", "activity is malformed")]
    // Found by the HTTP fuzz test: a null member of a conversationUpdate's membersAdded was a 500.
    [InlineData("{\"type\":\"conversationUpdate\",\"membersAdded\":[null,{\"id\":\"28:x\"}]}", "activity is malformed: membersAdded holds a null")]
    [InlineData("{\"type\":\"conversationUpdate\",\"membersRemoved\":[null]}", "activity is malformed: membersRemoved holds a null")]
    [InlineData("{\"type\":\"message\",\"entities\":[null]}", "activity is malformed: entities holds a null")]
    [InlineData("{\"type\":\"message\",\"attachments\":[null]}", "activity is malformed: attachments holds a null")]
    // Found by the HTTP fuzz test: accepted, then answered in the outbox to a conversation that cannot exist, failing until dead.
    [InlineData("{\"type\":\"message\",\"conversation\":{\"id\":\" \"}}", "activity is malformed: conversation.id is blank")]
    [InlineData("{\"type\":\"message\",\"conversation\":{\"id\":\"\\t\\n\"}}", "activity is malformed: conversation.id is blank")]
    [InlineData("{\"type\":\"message\",\"from\":{\"id\":\"\"}}", "activity is malformed: from.id is blank")]
    public void A_body_that_is_not_an_activity_is_a_failure_that_says_why(string body, string reason)
    {
        var parsed = ActivityParser.Parse(Encoding.UTF8.GetBytes(body));

        Assert.False(parsed.IsSuccess);
        Assert.StartsWith(reason, parsed.Error, StringComparison.Ordinal);
    }

    [Fact]
    public void A_personal_message_is_personal_and_its_text_is_the_command()
    {
        var activity = TeamsFixtures.Activity("inbound.message.personal.json");

        Assert.True(activity.Conversation!.IsPersonal);
        Assert.Null(activity.Conversation.ChannelId);
        Assert.Equal("Hello Teams TestBot.Sending bold-italic rich text", ActivityMentions.CommandText(activity));
        Assert.Empty(ActivityMentions.OthersIn(activity));
        Assert.Equal("7faf8ab2-3d56-4244-b585-20c8a42ed2b8", activity.From!.TeamsUserId);
        Assert.Equal("Megan Bowen", activity.From.Name);
        Assert.Equal("plain", activity.TextFormat);
        Assert.Equal("text/html", Assert.Single(activity.Attachments!).ContentType);
        Assert.Equal("72f988bf-86f1-41af-91ab-2d7cd011db47", activity.ChannelData!.Tenant!.Id);
    }

    [Fact]
    public void A_channel_mention_of_the_bot_is_cut_from_the_command_and_the_channel_is_the_conversation_without_its_thread()
    {
        var activity = TeamsFixtures.Activity("inbound.message.channel-mention.json");

        Assert.Equal("<at>ridotest</at> reply to thread", activity.Text);
        Assert.Equal("reply to thread", ActivityMentions.CommandText(activity));
        Assert.Empty(ActivityMentions.OthersIn(activity));
        Assert.False(activity.Conversation!.IsPersonal);
        Assert.Equal("19:6848757105754c8981c67612732d9aa7@thread.tacv2", activity.Conversation.ChannelId);
        Assert.Equal("1759881511856", activity.Conversation.ThreadRootId);
        Assert.Equal(activity.ChannelData!.Channel!.Id, activity.Conversation.ChannelId);
        Assert.True(activity.Conversation.IsGroup);
        Assert.Equal("50612dbb-0237-4969-b378-8d42590f9c00", activity.Conversation.TenantId);
    }

    [Fact]
    public void Other_people_mentioned_are_read_from_the_entities_by_their_object_id_and_stay_in_the_command()
    {
        // The real capture, with a second person mentioned the way Teams writes it: markup in the text, an entity per mention.
        var json = TeamsFixtures.Json("inbound.message.channel-mention.json");
        json["text"] = "<at>ridotest</at> escalate INC-4 to <at>Maya Chen</at>";
        json["entities"]!.AsArray().Add(new System.Text.Json.Nodes.JsonObject
        {
            ["type"] = "mention",
            ["text"] = "<at>Maya Chen</at>",
            ["mentioned"] = new System.Text.Json.Nodes.JsonObject { ["id"] = "29:1maya", ["name"] = "Maya Chen", ["aadObjectId"] = "0a1b2c3d-maya" },
        });
        var activity = TeamsFixtures.Parse(json);

        Assert.Equal("escalate INC-4 to <at>Maya Chen</at>", ActivityMentions.CommandText(activity));
        var mention = Assert.Single(ActivityMentions.OthersIn(activity));
        Assert.Equal(("0a1b2c3d-maya", "<at>Maya Chen</at>"), (mention.UserId, mention.Text));
    }

    [Fact]
    public void A_mention_without_an_object_id_is_read_by_its_teams_id()
    {
        var json = TeamsFixtures.Json("inbound.message.channel-mention.json");
        json["entities"]![0]!["mentioned"]!["id"] = "29:someone-else";

        var mention = Assert.Single(ActivityMentions.OthersIn(TeamsFixtures.Parse(json)));

        Assert.Equal(("29:someone-else", "<at>ridotest</at>"), (mention.UserId, mention.Text));
        Assert.Equal("<at>ridotest</at> reply to thread", ActivityMentions.CommandText(TeamsFixtures.Parse(json)));
    }

    [Fact]
    public void A_legacy_card_click_in_a_channel_names_its_channel_and_card_message()
    {
        var activity = TeamsFixtures.Activity("inbound.message.action-submit-messageBack.channel.json");

        Assert.Null(activity.Conversation!.ConversationType);
        Assert.Equal("19:malejcou081i20ojmlcau0@thread.skype", activity.Conversation.ChannelId);
        Assert.False(activity.Conversation.IsPersonal);
        Assert.Equal("1575667808184", activity.ReplyToId);
        Assert.Equal("propertyValue", activity.Value!.Value.GetProperty("property").GetString());
    }

    [Fact]
    public void The_bot_added_to_a_team_is_among_the_members_added_with_the_team_and_the_event()
    {
        var activity = TeamsFixtures.Activity("inbound.conversationUpdate.bot-added.team.json");

        Assert.Equal(ActivityTypes.ConversationUpdate, activity.Type);
        Assert.Contains(activity.MembersAdded!, m => m.Id == activity.Recipient!.Id);
        Assert.Equal("teamMemberAdded", activity.ChannelData!.EventType);
        Assert.Equal("TestTeam2022", activity.ChannelData.Team!.Name);
        Assert.Equal("19:0b7f32667e064dd9b25d7969801541f4@thread.tacv2", activity.Conversation!.ChannelId);
    }

    [Fact]
    public void The_bot_added_to_a_personal_chat_is_personal()
    {
        var activity = TeamsFixtures.Activity("inbound.conversationUpdate.bot-added.personal.json");

        Assert.True(activity.Conversation!.IsPersonal);
        Assert.Equal(2, activity.MembersAdded!.Count);
        Assert.Null(activity.MembersRemoved);
    }

    [Fact]
    public void An_invoke_carries_its_name_value_and_the_card_message_it_came_from()
    {
        var activity = TeamsFixtures.Activity("inbound.invoke.adaptiveCard-action.personal.json");

        Assert.Equal(ActivityTypes.AdaptiveCardAction, activity.Name);
        Assert.Equal("1767765488332", activity.ReplyToId);
        Assert.Equal("1:12SWreU4430kJA9eZCb1kXDuo6A8KdDEGB6d9TkjuDYM", activity.ChannelData!.Legacy!.ReplyToId);
        Assert.True(activity.Conversation!.IsPersonal);
        Assert.Equal("Action.Execute", activity.Value!.Value.GetProperty("action").GetProperty("type").GetString());
    }
}
