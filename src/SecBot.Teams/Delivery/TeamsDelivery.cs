using System.Text.Json;
using System.Text.Json.Nodes;
using SecBot.Chat.Delivery;
using SecBot.Storage.Delivery;
using SecBot.Teams.Cards;
using SecBot.Teams.Configuration;
using SecBot.Teams.Connector;

namespace SecBot.Teams.Delivery;

/// <summary>
/// Delivers outbox rows through the Bot Connector (teams-protocol.md §3, §4): a card to a person goes to their 1:1
/// conversation, created first (<c>POST v3/conversations</c>) when only their 29: id is known; a card to the incidents
/// channel goes to <c>SecBot:Teams:IncidentsChannel</c>. Each card about an incident or gate is recorded so a later
/// change of it updates every copy in place (<c>PUT</c>). A card and text are always separate activities (§3). Returns
/// null when delivered, else the failure, retryable or permanent.
/// </summary>
public sealed class TeamsDelivery(
    BotConnectorClient connector, TeamsOptions options, TeamsConversations conversations, AdaptiveCardRenderer cards, SentCardRecorder sentCards)
{
    public Task<ConnectorFailure?> SendCardAsync(OutboundMessage message, CancellationToken cancellationToken) =>
        SendCardAsync(message, null, cancellationToken);

    /// <param name="outboxId">The outbox row the card comes from, recorded with it so a refresh knows which change it shows (<see cref="CardRefresh.Updates"/>).</param>
    public async Task<ConnectorFailure?> SendCardAsync(OutboundMessage message, long? outboxId, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(message);
        var activity = TeamsMessages.Card(cards.Render(message.Card));
        var target = message.To.Kind == RecipientKind.Channel
            ? ChannelTarget(message.To)
            : await PersonTargetAsync(message.To.Id, cancellationToken);
        if (target.Failure is { } failure) return failure;

        var (serviceUrl, conversationId) = target.Value;
        var sent = await connector.SendAsync(serviceUrl, conversationId, activity, cancellationToken);
        if (!sent.IsSuccess) return sent.Failure;
        if (message.Subject is not null)
        {
            await sentCards.RecordAsync(
                new SentCard(TeamsPlatform.Name, message.Subject, conversationId, sent.Value, serviceUrl.ToString()) { Recipient = message.To.ChannelKey, OutboxId = outboxId }, cancellationToken);
        }

        return null;
    }

    /// <summary>
    /// PUT of every card delivered about the refresh's subject (<see cref="CardRefresh.UpdateEachAsync"/>). An activity or
    /// conversation Teams no longer has (404), or a person who blocked the bot, is skipped.
    /// </summary>
    public async Task<ConnectorFailure?> RefreshAsync(CardRefresh refresh, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(refresh);
        var activity = TeamsMessages.Card(cards.Render(refresh.Card));
        return await refresh.UpdateEachAsync(
            await sentCards.ListAsync(TeamsPlatform.Name, refresh.Subject, cancellationToken),
            sent => connector.UpdateAsync(ServiceUrl(sent.ServiceUrl), sent.ConversationId, sent.MessageId, activity.DeepClone().AsObject(), cancellationToken),
            failure => failure.Status == StatusCodes.Status404NotFound || failure.IsBlocked,
            failure => failure.IsRetryable);
    }

    public async Task<ConnectorFailure?> SendItemAsync(string kind, string payload, CancellationToken cancellationToken)
    {
        TeamsOutboxItem? item;
        try
        {
            item = JsonSerializer.Deserialize(payload, TeamsJsonContext.Default.TeamsOutboxItem);
        }
        catch (JsonException e)
        {
            return Local($"unreadable {kind} payload: {e.Message}");
        }

        if (item is null || !Uri.TryCreate(item.ServiceUrl, UriKind.Absolute, out var serviceUrl)) return Local($"{kind} has no usable serviceUrl");
        return kind switch
        {
            TeamsOutboxKinds.Send => (await connector.SendAsync(serviceUrl, item.ConversationId, item.Activity, cancellationToken)).Failure,
            TeamsOutboxKinds.Update when item.ActivityId is { } id => await connector.UpdateAsync(serviceUrl, item.ConversationId, id, item.Activity, cancellationToken),
            _ => Local($"outbox kind {kind} is missing what it needs or is unknown"),
        };
    }

    private (ConnectorFailure? Failure, (Uri, string) Value) ChannelTarget(Recipient recipient)
    {
        var channel = recipient.ChannelOn(options.IncidentsChannel);
        return string.IsNullOrWhiteSpace(channel)
            ? (Local("SecBot:Teams:IncidentsChannel is not configured"), default)
            : (null, (ServiceUrl(null), channel));
    }

    private async Task<(ConnectorFailure? Failure, (Uri, string) Value)> PersonTargetAsync(string personId, CancellationToken cancellationToken)
    {
        if (conversations.For(personId) is not { } known)
        {
            return (Local($"SecBot has no Teams conversation with '{personId}' yet: they must install SecBot in Teams or write to it once"), default);
        }

        var serviceUrl = ServiceUrl(known.ServiceUrl);
        if (known.ConversationId is { Length: > 0 } existing) return (null, (serviceUrl, existing));

        var tenant = known.TenantId ?? options.TenantId;
        if (string.IsNullOrWhiteSpace(tenant)) return (ConnectorFailure.Local($"no Teams tenant is known for '{personId}' and SecBot:Teams:TenantId is empty"), default);
        var created = await connector.CreateConversationAsync(serviceUrl, $"28:{options.AppId}", known.UserId, tenant, cancellationToken);
        if (!created.IsSuccess) return (created.Failure, default);
        await conversations.LearnConversationAsync(personId, created.Value, cancellationToken);
        return (null, (serviceUrl, created.Value));
    }

    private Uri ServiceUrl(string? learned) =>
        Uri.TryCreate(learned, UriKind.Absolute, out var url) ? url : new Uri(options.ServiceUrl, UriKind.Absolute);

    private static ConnectorFailure Local(string problem) => ConnectorFailure.Local(problem);
}
