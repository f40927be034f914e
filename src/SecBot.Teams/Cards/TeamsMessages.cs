using System.Text.Json.Nodes;
using SecBot.Chat.Cards;

namespace SecBot.Teams.Cards;

/// <summary>
/// Message activities SecBot sends through the Bot Connector (teams-protocol.md §3): a card is one activity with one
/// Adaptive Card attachment and no text, text is another with no attachment. Teams splits text + attachment into two
/// messages and returns no id to update either, so the two are never combined.
/// </summary>
public static class TeamsMessages
{
    public const string MessageType = "message";
    public const string MarkdownFormat = "markdown";

    public static JsonObject Card(JsonObject card)
    {
        ArgumentNullException.ThrowIfNull(card);
        return new JsonObject
        {
            ["type"] = MessageType,
            ["attachments"] = new JsonArray(new JsonObject { ["contentType"] = AdaptiveCardRenderer.ContentType, ["content"] = card }),
        };
    }

    /// <summary>Text as a markdown message, escaped (<see cref="AdaptiveCardText"/>) and cut visibly when over <see cref="TeamsLimits.TextMessageChars"/>.</summary>
    public static JsonObject Text(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        return new JsonObject
        {
            ["type"] = MessageType,
            ["textFormat"] = MarkdownFormat,
            ["text"] = AdaptiveCardText.Escape(TextCut.Truncate(text, TeamsLimits.TextMessageChars)),
        };
    }
}
