using System.Collections.Concurrent;
using System.Text.Json;
using SecBot.Chat.Delivery;
using SecBot.Chat.OnCall;
using SecBot.Slack.Configuration;
using SecBot.Slack.Rendering;
using SecBot.Slack.WebApi;
using SecBot.Slack.BlockKit;
using SecBot.Storage.Delivery;
using RosterModel = SecBot.Domain.Roster.Roster;

namespace SecBot.Slack.Delivery;

/// <summary>
/// Delivers outbox messages through the Web API (contract.md "Messages and buttons"): a card to a person goes
/// to their DM (their roster Slack user id, else users.lookupByEmail of their roster e-mail, then
/// conversations.open); a card to the incidents channel goes to <c>SecBot:Slack:IncidentsChannel</c>. A user id found
/// by e-mail is kept through <see cref="LearnedIdentities"/> (the database, then memory) before the DM is sent, so the
/// person is recognised when they press its buttons and is not looked up again, even after a restart.
/// Returns null when delivered, else the failure, retryable or permanent.
/// </summary>
public sealed class SlackDelivery
{
    private readonly SlackWebApiClient _api;
    private readonly SlackOptions _options;
    private readonly RosterModel _roster;
    private readonly CardRenderer _cards;
    private readonly LearnedIdentities _learned;
    private readonly SentCardRecorder? _sentCards;
    private readonly ConcurrentDictionary<string, string> _directChannelByUser = new(StringComparer.Ordinal);

    /// <param name="cards">The registered renderer (<see cref="CardRenderer.ForRoster"/>), so a card's mentions name the same user ids as every other Slack message.</param>
    /// <param name="sentCards">Where delivered cards about an incident or gate are recorded, so <see cref="RefreshAsync"/> can update them; null records nothing.</param>
    public SlackDelivery(SlackWebApiClient api, SlackOptions options, RosterModel roster, LearnedIdentities learned, CardRenderer cards, SentCardRecorder? sentCards = null)
    {
        ArgumentNullException.ThrowIfNull(api);
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(roster);
        ArgumentNullException.ThrowIfNull(learned);
        ArgumentNullException.ThrowIfNull(cards);
        _api = api;
        _options = options;
        _roster = roster;
        _learned = learned;
        _cards = cards;
        _sentCards = sentCards;
    }

    public Task<SlackApiFailure?> SendCardAsync(OutboundMessage message, CancellationToken cancellationToken) =>
        SendCardAsync(message, null, cancellationToken);

    /// <param name="outboxId">The outbox row the card comes from, recorded with it so a refresh knows which change it shows (<see cref="CardRefresh.Updates"/>).</param>
    public async Task<SlackApiFailure?> SendCardAsync(OutboundMessage message, long? outboxId, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(message);
        var content = _cards.Render(message.Card);
        if (message.To.Kind == RecipientKind.Channel)
        {
            var channel = message.To.ChannelOn(_options.IncidentsChannel);
            if (string.IsNullOrEmpty(channel)) return Local("SecBot:Slack:IncidentsChannel is not configured");
            return await PostAndRecordAsync(channel, content, message, outboxId, cancellationToken);
        }

        var dm = await DirectChannelAsync(message.To.Id, cancellationToken);
        if (dm.Failure is { } failure) return failure;
        return await PostAndRecordAsync(dm.Channel!, content, message, outboxId, cancellationToken);
    }

    /// <summary>
    /// chat.update of every card delivered about the refresh's subject. A message Slack no longer has (deleted, or in a
    /// channel SecBot left) is skipped; anything retryable stops the refresh so the dispatcher tries it all again
    /// (updating a message twice with the same card is harmless); any other failure (a revoked token, blocks Slack
    /// refuses) is handed back once every copy was tried, so the refresh is dead-lettered in sight, not reported done.
    /// </summary>
    public async Task<SlackApiFailure?> RefreshAsync(CardRefresh refresh, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(refresh);
        if (_sentCards is null) return null;
        var content = _cards.Render(refresh.Card);
        return await refresh.UpdateEachAsync(
            await _sentCards.ListAsync(SlackOutboxKinds.Platform, refresh.Subject, cancellationToken),
            async sent => (await _api.UpdateMessageAsync(sent.ConversationId, sent.MessageId, content, cancellationToken)).Failure,
            failure => SlackErrorCodes.IsMessageGone(failure.Error),
            failure => failure.IsRetryable);
    }

    private async Task<SlackApiFailure?> PostAndRecordAsync(string channel, MessageContent content, OutboundMessage message, long? outboxId, CancellationToken cancellationToken)
    {
        var posted = await _api.PostMessageAsync(channel, content, null, cancellationToken);
        if (!posted.IsSuccess) return posted.Failure;
        if (_sentCards is not null && message.Subject is { } subject && posted.Value.Ts is { Length: > 0 } ts)
        {
            await _sentCards.RecordAsync(new SentCard(SlackOutboxKinds.Platform, subject, posted.Value.Channel ?? channel, ts, null) { Recipient = message.To.ChannelKey, OutboxId = outboxId }, cancellationToken);
        }

        return null;
    }

    public async Task<SlackApiFailure?> SendItemAsync(string kind, string payload, CancellationToken cancellationToken)
    {
        SlackOutboxItem? item;
        try
        {
            item = JsonSerializer.Deserialize(payload, SlackWebJsonContext.Default.SlackOutboxItem);
        }
        catch (JsonException e)
        {
            return Local($"unreadable {kind} payload: {e.Message}");
        }

        return (kind, item) switch
        {
            (SlackOutboxKinds.Update, { Channel: { } c, Ts: { } ts, Content: { } content }) => (await _api.UpdateMessageAsync(c, ts, content, cancellationToken)).Failure,
            (SlackOutboxKinds.Post, { Channel: { } c, Content: { } content }) => (await _api.PostMessageAsync(c, content, item.ThreadTs, cancellationToken)).Failure,
            (SlackOutboxKinds.Ephemeral, { Channel: { } c, User: { } user, Content: { } content }) => (await _api.PostEphemeralAsync(c, user, content, item.ThreadTs, cancellationToken)).Failure,
            (SlackOutboxKinds.Home, { User: { } user, View: { } view }) => (await _api.PublishHomeAsync(user, view, null, cancellationToken)).Failure,
            (SlackOutboxKinds.Respond, { ResponseUrl: { } url, Content: { } content }) => _options.TrustedResponseUrl(url) is { } trusted
                ? await _api.RespondAsync(trusted, content, item.ReplaceOriginal, cancellationToken)
                : Local($"response_url {url} is not Slack's"),
            _ => Local($"outbox kind {kind} is missing what it needs or is unknown"),
        };
    }

    private async Task<(string? Channel, SlackApiFailure? Failure)> DirectChannelAsync(string personId, CancellationToken cancellationToken)
    {
        if (_roster.PersonById(personId) is not { } person) return (null, Local($"person '{personId}' is not on the roster"));
        var userId = person.SlackUserId;
        if (string.IsNullOrEmpty(userId))
        {
            if (string.IsNullOrEmpty(person.Email)) return (null, Local($"person '{personId}' has neither a SlackUserId nor an Email in the roster"));
            userId = _learned.UserIdFor(SlackOutboxKinds.Platform, person);
            if (userId is null)
            {
                var lookup = await _api.LookupUserByEmailAsync(person.Email, cancellationToken);
                if (!lookup.IsSuccess) return (null, lookup.Failure);
                if (lookup.Value.User is not { Id.Length: > 0 } user) return (null, new SlackApiFailure("users.lookupByEmail", "users_not_found", false));
                await _learned.LearnAsync(SlackOutboxKinds.Platform, person, user.Id, cancellationToken);
                userId = user.Id;
            }
        }

        if (_directChannelByUser.TryGetValue(userId, out var known)) return (known, null);
        var opened = await _api.OpenDirectMessageAsync(userId, cancellationToken);
        if (!opened.IsSuccess) return (null, opened.Failure);
        if (opened.Value.Channel is not { Id.Length: > 0 } channel) return (null, new SlackApiFailure("conversations.open", SlackErrorCodes.InvalidResponse, true));
        _directChannelByUser[userId] = channel.Id;
        return (channel.Id, null);
    }

    private static SlackApiFailure Local(string problem) => new("secbot", problem, false);
}
