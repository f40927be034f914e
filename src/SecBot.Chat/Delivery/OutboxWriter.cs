using System.Text.Json;
using SecBot.Chat.Cards;
using SecBot.Storage;
using SecBot.Storage.Delivery;
using RosterModel = SecBot.Domain.Roster.Roster;

namespace SecBot.Chat.Delivery;

/// <summary>
/// Queues channel-neutral messages in the outbox inside the caller's transaction: once per enabled platform, and a
/// message to a person only on the platforms that can reach them (<see cref="IPlatformReach"/>).
/// </summary>
public sealed class OutboxWriter
{
    public const string MessageKind = "card";

    /// <summary>A <see cref="CardRefresh"/>: every delivered card about a subject replaced with its current state.</summary>
    public const string RefreshKind = "card.refresh";

    private readonly IDeliveryPlatforms _platforms;
    private readonly Dictionary<string, IPlatformReach> _reach;
    private readonly RosterModel? _roster;

    public OutboxWriter(IDeliveryPlatforms platforms, IEnumerable<IPlatformReach>? reach = null, RosterModel? roster = null)
    {
        ArgumentNullException.ThrowIfNull(platforms);
        _platforms = platforms;
        _reach = (reach ?? []).ToDictionary(r => r.Platform, StringComparer.Ordinal);
        _roster = roster;
    }

    public Task EnqueueAsync(StoreTransaction transaction, OutboundMessage message) => EnqueueAsync(transaction, [message]);

    /// <summary>Queues <paramref name="messages"/> in order, each on every platform that can take it, in one multi-row insert.</summary>
    public async Task EnqueueAsync(StoreTransaction transaction, IEnumerable<OutboundMessage> messages)
    {
        ArgumentNullException.ThrowIfNull(transaction);
        ArgumentNullException.ThrowIfNull(messages);
        var rows = new List<OutboxMessage>();
        foreach (var message in messages)
        {
            ArgumentNullException.ThrowIfNull(message);
            rows.AddRange(PlatformsFor(message.To).Select(platform => Row(platform, message)));
        }

        if (rows.Count > 0) await transaction.EnqueueOutboxAsync(rows);
    }

    /// <summary>Queues, on every enabled platform, the replacement of each card delivered about <paramref name="subject"/> with <paramref name="card"/>.</summary>
    /// <summary>The last outbox row so far: taken before a change queues its own cards, for <see cref="EnqueueRefreshAsync"/>.</summary>
    public static Task<long> LastRowAsync(StoreTransaction transaction)
    {
        ArgumentNullException.ThrowIfNull(transaction);
        return transaction.ExecuteScalarAsync<long>("SELECT coalesce(max(id), 0) FROM outbox");
    }

    /// <param name="queuedAfter">The outbox's last row before the change (<see cref="LastRowAsync"/>); the refresh waits for the cards up to it.</param>
    /// <param name="to">Only the copies sent to this recipient; null: every copy (incidents: everyone sees the same state).</param>
    public async Task EnqueueRefreshAsync(StoreTransaction transaction, string subject, Card card, long queuedAfter, MessageRef? except = null, Recipient? to = null)
    {
        ArgumentNullException.ThrowIfNull(transaction);
        ArgumentException.ThrowIfNullOrWhiteSpace(subject);
        ArgumentNullException.ThrowIfNull(card);
        var payload = JsonSerializer.Serialize(new CardRefresh(subject, card) { Except = except, To = to?.ChannelKey, QueuedAfter = queuedAfter }, ChatJsonContext.Default.CardRefresh);
        await transaction.EnqueueOutboxAsync([.. _platforms.Enabled.Select(p => new OutboxMessage(p, $"subject:{subject}", RefreshKind, payload))]);
    }

    /// <summary>The outbox row of <paramref name="message"/> on one <paramref name="platform"/> (an adapter answering on its own platform only).</summary>
    public static OutboxMessage Row(string platform, OutboundMessage message)
    {
        ArgumentNullException.ThrowIfNull(message);
        return new OutboxMessage(platform, message.To.ChannelKey, MessageKind, JsonSerializer.Serialize(message, ChatJsonContext.Default.OutboundMessage));
    }

    /// <summary>
    /// The enabled platforms that cannot reach <paramref name="personId"/>, each with why: empty when all can. Every
    /// enabled platform listed means the person is reached nowhere.
    /// </summary>
    public IReadOnlyList<(string Platform, string Why)> Unreached(string personId)
    {
        if (_roster?.PersonById(personId) is not { } person) return [];
        return [.. _platforms.Enabled
            .Select(p => (Platform: p, Why: _reach.TryGetValue(p, out var reach) ? reach.WhyUnreachable(person) : null))
            .Where(u => u.Why is not null)
            .Select(u => (u.Platform, u.Why!))];
    }

    /// <summary>True when no enabled platform can reach <paramref name="personId"/>.</summary>
    public bool ReachesNobody(string personId) => Unreached(personId).Count == _platforms.Enabled.Count;

    private IEnumerable<string> PlatformsFor(Recipient to)
    {
        if (to.Kind != RecipientKind.Person) return _platforms.Enabled;
        var unreached = Unreached(to.Id).Select(u => u.Platform).ToHashSet(StringComparer.Ordinal);
        var reachable = _platforms.Enabled.Where(p => !unreached.Contains(p)).ToList();
        // Reached nowhere: queued everywhere anyway, so the failure is a dead letter on the subject's timeline and in
        // `status`, never a silent skip.
        return reachable.Count > 0 ? reachable : _platforms.Enabled;
    }

    public static OutboundMessage Read(string payload) =>
        JsonSerializer.Deserialize(payload, ChatJsonContext.Default.OutboundMessage)
        ?? throw new JsonException("empty outbox payload");

    public static CardRefresh ReadRefresh(string payload) =>
        JsonSerializer.Deserialize(payload, ChatJsonContext.Default.CardRefresh)
        ?? throw new JsonException("empty outbox payload");
}
