using System.Text.Json;
using SecBot.Chat.Delivery;
using SecBot.Slack.Delivery;
using SecBot.Slack.WebApi;
using SecBot.Storage.Delivery;

namespace SecBot.Slack.Delivery;

/// <summary>
/// The dispatcher's sender for the <c>slack</c> platform: channel-neutral cards and Slack's own outbox items, through
/// the resilient Web API client. Retryable failures (429 with its Retry-After, 5xx, network, open circuit) go back
/// to the dispatcher to retry; permanent ones (invalid_auth, channel_not_found…) are dead-lettered with the code.
/// With <c>SecBot:Slack:PerIncidentChannels</c>, a card about an incident also queues the sync of its channel.
/// </summary>
internal sealed class SlackMessageSender(SlackDelivery delivery, SlackIncidentChannels incidentChannels) : IMessageSender
{
    public string Platform => SlackOutboxKinds.Platform;

    public async Task<DeliveryResult> SendAsync(OutboxEntry message, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(message);
        SlackApiFailure? failure;
        try
        {
            failure = message.Kind switch
            {
                OutboxWriter.MessageKind => await SendCardAsync(OutboxWriter.Read(message.Payload), message.Id, cancellationToken),
                OutboxWriter.RefreshKind => await delivery.RefreshAsync(OutboxWriter.ReadRefresh(message.Payload), cancellationToken),
                SlackOutboxKinds.IncidentChannel => await incidentChannels.SyncAsync(message.Payload, cancellationToken),
                _ when SlackOutboxKinds.IsSlackItem(message.Kind) => await delivery.SendItemAsync(message.Kind, message.Payload, cancellationToken),
                _ => new SlackApiFailure("secbot", $"the Slack sender does not know outbox kind '{message.Kind}'", false),
            };
        }
        catch (JsonException e)
        {
            return DeliveryResult.Permanent($"unreadable outbox payload: {e.Message}");
        }

        if (failure is null) return DeliveryResult.Delivered;
        return failure.IsRetryable ? DeliveryResult.Retry(failure.ToString(), failure.RetryAfter) : DeliveryResult.Permanent(failure.ToString());
    }

    private async Task<SlackApiFailure?> SendCardAsync(OutboundMessage card, long outboxId, CancellationToken cancellationToken)
    {
        // Queued before the card is sent, on every attempt: a card that keeps failing must not keep its incident's
        // channel from being made, and a sync already waiting absorbs the repeats.
        await incidentChannels.RequestAsync(card, cancellationToken);
        return await delivery.SendCardAsync(card, outboxId, cancellationToken);
    }
}
