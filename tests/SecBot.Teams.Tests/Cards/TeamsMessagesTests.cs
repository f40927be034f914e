using System.Text.Json.Nodes;
using SecBot.Chat.Cards;
using SecBot.Chat.Conversation;
using SecBot.Teams.Cards;
using SecBot.Teams.Tests.Support;

namespace SecBot.Teams.Tests.Cards;

public sealed class TeamsMessagesTests
{
    private static readonly AdaptiveCardRenderer Renderer = new(_ => null);

    [Fact]
    public void A_card_is_one_message_with_one_adaptive_card_attachment_and_no_text()
    {
        var card = Renderer.Render(new Card { Title = "INC-1" });

        var message = TeamsMessages.Card(card);

        Assert.Equal("message", message["type"]!.GetValue<string>());
        Assert.Null(message["text"]);
        var attachment = Assert.Single(message["attachments"]!.AsArray())!;
        Assert.Equal("application/vnd.microsoft.card.adaptive", attachment["contentType"]!.GetValue<string>());
        Assert.Same(card, attachment["content"]);
    }

    [Fact]
    public void Text_is_a_markdown_message_escaped_and_cut_visibly_with_no_attachment()
    {
        var message = TeamsMessages.Text("Unknown command [help](http://x)\nUsage: ack INC-12");

        Assert.Equal(("message", "markdown"), (message["type"]!.GetValue<string>(), message["textFormat"]!.GetValue<string>()));
        Assert.Equal("Unknown command \\[help\\](http://x)\n\nUsage: ack INC-12", message["text"]!.GetValue<string>());
        Assert.Null(message["attachments"]);
        Assert.EndsWith(TextCut.Ellipsis, TeamsMessages.Text(new string('x', 50_000))["text"]!.GetValue<string>(), StringComparison.Ordinal);
    }

    [Fact]
    public void Invoke_responses_are_the_published_envelopes()
    {
        var message = TeamsFixtures.Json("invoke-response.message.json");
        var card = TeamsFixtures.Json("invoke-response.card.json");

        Assert.True(JsonNode.DeepEquals(message, InvokeResponses.Message("Action submitted!")));
        Assert.True(JsonNode.DeepEquals(card, InvokeResponses.Card(card["value"]!.DeepClone().AsObject())));
        var error = InvokeResponses.Error(InvokeResponses.BadRequestCode, "the card action's data is not SecBot's");
        Assert.Equal(
            "{\"statusCode\":400,\"type\":\"application/vnd.microsoft.error\",\"value\":{\"code\":\"BadRequest\",\"message\":\"the card action\\u0027s data is not SecBot\\u0027s\"}}",
            error.ToJsonString());
    }

    [Fact]
    public void A_reply_is_its_form_else_its_card_else_its_text()
    {
        var replies = new TeamsReplyRenderer(Renderer);
        var form = new FormRequest("declare", "Declare an incident", [new CardInput("title", "Title", CardInputKind.Text, Required: true)]);

        Assert.Equal("form", replies.Render(ChatReply.Private("x") with { OpensForm = form })["attachments"]![0]!["content"]!["actions"]![0]!["data"]!["secbot"]!.GetValue<string>());
        Assert.NotNull(replies.Render(ChatReply.Public("Declared INC-1", new Card { Title = "INC-1" }))["attachments"]);
        Assert.Equal("Not allowed\n\nUsage: ack INC-1", replies.Render(ChatReply.Refusal("Not allowed", "ack INC-1"))["text"]!.GetValue<string>());
    }
}
