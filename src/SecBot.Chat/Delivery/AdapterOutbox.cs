using System.Text.Json;
using System.Text.Json.Serialization.Metadata;
using SecBot.Storage;
using SecBot.Storage.Delivery;

namespace SecBot.Chat.Delivery;

/// <summary>
/// Queues a platform adapter's own outbox rows (answers to what arrived from that platform, already addressed), rather
/// than calling the platform on the request path: the HTTP answer stays within the platform's deadline, and a 429 or an
/// outage is retried by the dispatcher and survives a restart (contract.md "Guarantees"). Rows to one conversation are
/// delivered in order. The answer to a press that changed something is queued inside the command's own transaction.
/// </summary>
public sealed class AdapterOutbox(OutboxRepository outbox)
{
    public Task EnqueueAsync(OutboxMessage message, CancellationToken cancellationToken) => outbox.EnqueueAsync(message, cancellationToken);

    /// <summary>Queues inside <paramref name="transaction"/>, so the answer commits with the change it answers or not at all.</summary>
    public static Task EnqueueAsync(StoreTransaction transaction, OutboxMessage message)
    {
        ArgumentNullException.ThrowIfNull(transaction);
        return transaction.EnqueueOutboxAsync(message);
    }

    /// <summary>The row for <paramref name="item"/>, of <paramref name="kind"/>, to <paramref name="conversation"/> on <paramref name="platform"/>.</summary>
    public static OutboxMessage Row<T>(string platform, string conversation, string kind, T item, JsonTypeInfo<T> type)
    {
        ArgumentNullException.ThrowIfNull(item);
        return new OutboxMessage(platform, $"{platform}:{conversation}", kind, JsonSerializer.Serialize(item, type));
    }
}
