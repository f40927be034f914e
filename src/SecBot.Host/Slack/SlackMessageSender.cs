using System.Text.Json;
using SecBot.Chat.Delivery;
using SecBot.Host.Delivery;
using SecBot.Slack.Delivery;
using SecBot.Slack.WebApi;
using SecBot.Storage.Delivery;

namespace SecBot.Host.Slack;

/// <summary>
/// The dispatcher's sender for the <c>slack</c> platform: channel-neutral cards and Slack's own outbox items, through
/// the resilient Web API client. Retryable failures (429 with its Retry-After, 5xx, network, open circuit) go back
/// to the dispatcher to retry; permanent ones (invalid_auth, channel_not_found…) are dead-lettered with the code.
/// </summary>
internal sealed class SlackMessageSender(SlackDelivery delivery) : IMessageSender
{
    public string Platform => SlackOutboxKinds.Platform;

    public async Task<DeliveryResult> SendAsync(OutboxEntry message, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(message);
        SlackApiFailure? failure;
        try
        {
            failure = message.Kind == OutboxWriter.MessageKind
                ? await delivery.SendCardAsync(OutboxWriter.Read(message.Payload), cancellationToken)
                : SlackOutboxKinds.IsSlackItem(message.Kind)
                    ? await delivery.SendItemAsync(message.Kind, message.Payload, cancellationToken)
                    : new SlackApiFailure("secbot", $"the Slack sender does not know outbox kind '{message.Kind}'", false);
        }
        catch (JsonException e)
        {
            return DeliveryResult.Permanent($"unreadable outbox payload: {e.Message}");
        }

        if (failure is null) return DeliveryResult.Delivered;
        return failure.IsRetryable ? DeliveryResult.Retry(failure.ToString(), failure.RetryAfter) : DeliveryResult.Permanent(failure.ToString());
    }
}
