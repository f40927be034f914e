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

    /// <summary>
    /// Queues <paramref name="messages"/> in order (each once per enabled platform, as <see cref="EnqueueAsync(StoreTransaction, OutboundMessage)"/>
    /// would one by one), in one multi-row insert.
    /// </summary>
    public async Task EnqueueAsync(StoreTransaction transaction, IEnumerable<OutboundMessage> messages)
    {
        ArgumentNullException.ThrowIfNull(transaction);
        ArgumentNullException.ThrowIfNull(messages);
        var rows = new List<OutboxMessage>();
        foreach (var message in messages)
        {
            ArgumentNullException.ThrowIfNull(message);
            var payload = JsonSerializer.Serialize(message, ChatJsonContext.Default.OutboundMessage);
            foreach (var platform in platforms.Enabled)
            {
                rows.Add(new OutboxMessage(platform, message.To.ChannelKey, MessageKind, payload));
            }
        }

        if (rows.Count > 0) await transaction.EnqueueOutboxAsync(rows);
    }

    public static OutboundMessage Read(string payload) =>
        JsonSerializer.Deserialize(payload, ChatJsonContext.Default.OutboundMessage)
        ?? throw new JsonException("empty outbox payload");
}
