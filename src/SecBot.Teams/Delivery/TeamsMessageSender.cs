using System.Text.Json;
using SecBot.Chat.Delivery;
using SecBot.Storage.Delivery;
using SecBot.Teams.Connector;

namespace SecBot.Teams.Delivery;

/// <summary>
/// The dispatcher's sender for the <c>teams</c> platform: channel-neutral cards, refreshes of sent cards, and Teams' own
/// rows, through the connector client and its retry pipeline. Retryable failures (429 with Retry-After, 412, 502, 504,
/// network) go back to the dispatcher; a user who blocked the bot (403 MessageWritesBlocked) is dead-lettered at once,
/// never retried, and so reported on the subject's timeline and in <c>status</c>.
/// </summary>
internal sealed class TeamsMessageSender(TeamsDelivery delivery) : IMessageSender
{
    public string Platform => TeamsPlatform.Name;

    public async Task<DeliveryResult> SendAsync(OutboxEntry message, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(message);
        ConnectorFailure? failure;
        try
        {
            failure = message.Kind switch
            {
                OutboxWriter.MessageKind => await delivery.SendCardAsync(OutboxWriter.Read(message.Payload), message.Id, cancellationToken),
                OutboxWriter.RefreshKind => await delivery.RefreshAsync(OutboxWriter.ReadRefresh(message.Payload), cancellationToken),
                _ when TeamsOutboxKinds.IsTeamsItem(message.Kind) => await delivery.SendItemAsync(message.Kind, message.Payload, cancellationToken),
                _ => ConnectorFailure.Local($"the Teams sender does not know outbox kind '{message.Kind}'"),
            };
        }
        catch (JsonException e)
        {
            return DeliveryResult.Permanent($"unreadable outbox payload: {e.Message}");
        }

        if (failure is null) return DeliveryResult.Delivered;
        if (failure.IsBlocked) return DeliveryResult.Permanent($"the person blocked SecBot in Teams ({failure})");
        return failure.IsRetryable ? DeliveryResult.Retry(failure.ToString(), failure.RetryAfter) : DeliveryResult.Permanent(failure.ToString());
    }
}
