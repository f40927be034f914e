using SecBot.Chat.Delivery;
using SecBot.Slack.Delivery;
using SecBot.Slack.WebApi;
using SecBot.Storage;

namespace SecBot.Slack.Endpoints;

/// <summary>
/// Queues answers to Slack traffic (chat.update after a button, replies to mentions and DMs, ephemeral refusals, the Home
/// tab) through the shared <see cref="AdapterOutbox"/>; the HTTP answer stays inside Slack's 3 seconds (slack-protocol.md §3).
/// The answer to a button that changed something is queued inside the command's own transaction (<see cref="SlackReplies.WriterFor"/>).
/// </summary>
internal sealed class SlackOutbox(AdapterOutbox outbox)
{
    public Task EnqueueAsync(string kind, SlackOutboxItem item, CancellationToken cancellationToken) =>
        outbox.EnqueueAsync(Row(kind, item), cancellationToken);

    /// <summary>Queues inside <paramref name="transaction"/>, so the answer commits with the change it answers or not at all.</summary>
    public static Task EnqueueAsync(StoreTransaction transaction, string kind, SlackOutboxItem item) =>
        AdapterOutbox.EnqueueAsync(transaction, Row(kind, item));

    private static Storage.Delivery.OutboxMessage Row(string kind, SlackOutboxItem item)
    {
        ArgumentNullException.ThrowIfNull(item);
        return AdapterOutbox.Row(SlackOutboxKinds.Platform, item.Channel ?? item.User ?? "none", kind, item, SlackWebJsonContext.Default.SlackOutboxItem);
    }
}
