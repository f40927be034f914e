using Dapper;

namespace SecBot.Storage.Delivery;

/// <summary>The <c>sent_cards</c> table: every delivered card about an incident or gate, so each copy can follow its state.</summary>
public sealed class SentCardRepository
{
    private readonly IStore _store;

    public SentCardRepository(IStore store)
    {
        ArgumentNullException.ThrowIfNull(store);
        _store = store;
    }

    /// <summary>Records a delivered card; recording the same message again changes nothing.</summary>
    public Task RecordAsync(SentCard card, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(card);
        return _store.WriteAsync(
            transaction => transaction.ExecuteAsync(
                """
                INSERT INTO sent_cards (platform, subject, recipient, conversation_id, message_id, service_url, outbox_id, sent_at)
                VALUES (@Platform, @Subject, @Recipient, @ConversationId, @MessageId, @ServiceUrl, @OutboxId, @Now)
                ON CONFLICT (platform, conversation_id, message_id) DO NOTHING
                """,
                new { card.Platform, card.Subject, card.Recipient, card.ConversationId, card.MessageId, card.ServiceUrl, card.OutboxId, transaction.Now }),
            cancellationToken);
    }

    /// <summary>Forgets where cards sent before <paramref name="sentBefore"/> landed, in small transactions; returns how many.</summary>
    public Task<int> PurgeAsync(DateTimeOffset sentBefore, CancellationToken cancellationToken) =>
        StoreBatches.DeleteAllAsync(
            _store,
            "DELETE FROM sent_cards WHERE id IN (SELECT id FROM sent_cards WHERE sent_at < @Before LIMIT @Limit)",
            sentBefore,
            cancellationToken);

    /// <summary>Every card delivered on <paramref name="platform"/> about <paramref name="subject"/>, oldest first.</summary>
    public Task<IReadOnlyList<SentCard>> ListAsync(string platform, string subject, CancellationToken cancellationToken) =>
        _store.ReadAsync<IReadOnlyList<SentCard>>(
            async connection => [.. (await connection.QueryAsync<Row>(new CommandDefinition(
                """
                SELECT platform, subject, recipient, conversation_id, message_id, service_url, outbox_id
                FROM sent_cards WHERE platform = @Platform AND subject = @Subject ORDER BY id
                """,
                new { Platform = platform, Subject = subject },
                cancellationToken: cancellationToken))).Select(r => r.ToSentCard())],
            cancellationToken);

    private sealed class Row
    {
        public string Platform { get; init; } = "";
        public string Subject { get; init; } = "";
        public string? Recipient { get; init; }
        public string ConversationId { get; init; } = "";
        public string MessageId { get; init; } = "";
        public string? ServiceUrl { get; init; }
        public long? OutboxId { get; init; }

        public SentCard ToSentCard() => new(Platform, Subject, ConversationId, MessageId, ServiceUrl) { Recipient = Recipient, OutboxId = OutboxId };
    }
}
