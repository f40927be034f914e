using System.Text.Json;
using SecBot.Storage;
using SecBot.Storage.Delivery;

namespace SecBot.Chat.Delivery;

/// <summary>Queues channel-neutral messages in the outbox, once per enabled platform, inside the caller's transaction.</summary>
public sealed class OutboxWriter(IDeliveryPlatforms platforms)
{
    public const string MessageKind = "card";

    public async Task EnqueueAsync(StoreTransaction transaction, OutboundMessage message)
    {
        ArgumentNullException.ThrowIfNull(transaction);
        ArgumentNullException.ThrowIfNull(message);
        var payload = JsonSerializer.Serialize(message, ChatJsonContext.Default.OutboundMessage);
        foreach (var platform in platforms.Enabled)
        {
            await transaction.EnqueueOutboxAsync(new OutboxMessage(platform, message.To.ChannelKey, MessageKind, payload));
        }
    }

    public static OutboundMessage Read(string payload) =>
        JsonSerializer.Deserialize(payload, ChatJsonContext.Default.OutboundMessage)
        ?? throw new JsonException("empty outbox payload");
}
