using SecBot.Chat.Conversation;
using SecBot.Slack.BlockKit;

namespace SecBot.Slack.Rendering;

/// <summary>A <see cref="ChatReply"/> as a Slack message: its card when it has one, else its text as escaped mrkdwn.</summary>
public sealed class ReplyRenderer(CardRenderer cards)
{
    public MessageContent Render(ChatReply reply)
    {
        ArgumentNullException.ThrowIfNull(reply);
        if (reply.Card is { } card) return cards.Render(card, reply.Text);
        var text = SlackText.Mrkdwn(reply.Text, SlackLimits.SectionText);
        return new MessageContent(text, [new SectionBlock { Text = TextObject.Mrkdwn(text) }]);
    }
}
