using System.Text.Json.Nodes;
using SecBot.Chat.Conversation;

namespace SecBot.Teams.Cards;

/// <summary>
/// A <see cref="ChatReply"/> as one Teams message activity: the form it opens, else its card, else its text. The card
/// stands alone (<see cref="TeamsMessages"/>): its text is what the card says already.
/// </summary>
public sealed class TeamsReplyRenderer(AdaptiveCardRenderer cards)
{
    public JsonObject Render(ChatReply reply)
    {
        ArgumentNullException.ThrowIfNull(reply);
        if (reply.OpensForm is { } form) return TeamsMessages.Card(AdaptiveCardRenderer.RenderForm(form));
        return reply.Card is { } card ? TeamsMessages.Card(cards.Render(card)) : TeamsMessages.Text(reply.Text);
    }
}
