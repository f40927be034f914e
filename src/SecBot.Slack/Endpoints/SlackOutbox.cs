using System.Text.Json;
using SecBot.Slack.Delivery;
using SecBot.Slack.WebApi;
using SecBot.Storage;
using SecBot.Storage.Delivery;

namespace SecBot.Slack.Endpoints;

/// <summary>
/// Queues answers to Slack traffic (chat.update after a button, replies to mentions and DMs, ephemeral refusals,
/// the Home tab) in the outbox rather than calling Slack on the request path: the HTTP answer stays inside
/// Slack's 3 seconds (slack-protocol.md §3), and a 429 or an outage is retried by the dispatcher and survives a
/// restart (contract.md "Guarantees"). The answer to a button that changed something is queued inside the command's
/// own transaction (<see cref="SlackReplies.WriterFor"/>); refusals and other answers in a write of their own.
/// </summary>
internal sealed class SlackOutbox(OutboxRepository outbox)
{
    public Task EnqueueAsync(string kind, SlackOutboxItem item, CancellationToken cancellationToken) =>
        outbox.EnqueueAsync(Message(kind, item), cancellationToken);

    /// <summary>Queues inside <paramref name="transaction"/>, so the answer commits with the change it answers or not at all.</summary>
    public static Task EnqueueAsync(StoreTransaction transaction, string kind, SlackOutboxItem item)
    {
        ArgumentNullException.ThrowIfNull(transaction);
        return transaction.EnqueueOutboxAsync(Message(kind, item));
    }

    private static OutboxMessage Message(string kind, SlackOutboxItem item)
    {
        ArgumentNullException.ThrowIfNull(item);
        var conversation = item.Channel ?? item.User ?? "none";
        var payload = JsonSerializer.Serialize(item, SlackWebJsonContext.Default.SlackOutboxItem);
        return new OutboxMessage(SlackOutboxKinds.Platform, $"slack:{conversation}", kind, payload);
    }
}
