using System.Globalization;
using SecBot.Chat.Delivery;
using SecBot.Storage.Delivery;

namespace SecBot.Host.ConsolePlatform;

/// <summary>A console message as a <see cref="MessageRef"/>: the recipient is the conversation, the inbox id the message.</summary>
public static class ConsoleRef
{
    public const string Platform = "console";

    public static MessageRef Of(ConsoleMessage message)
    {
        ArgumentNullException.ThrowIfNull(message);
        return new MessageRef(Platform, message.Recipient, message.Id.ToString(CultureInfo.InvariantCulture));
    }

    /// <summary>The message as a delivered card, as Slack and Teams record theirs, for <see cref="CardRefresh.Updates"/>.</summary>
    public static SentCard Copy(ConsoleMessage message)
    {
        var at = Of(message);
        return new SentCard(Platform, message.Subject ?? "", at.ConversationId, at.MessageId, null)
        {
            Recipient = message.Recipient,
            OutboxId = message.OutboxId > 0 ? message.OutboxId : null,
        };
    }
}
