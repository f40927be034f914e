namespace SecBot.Storage.Delivery;

/// <summary>One delivered card about <see cref="Subject"/> (<c>INC-3</c>, <c>REV-7</c>): where it is, so it can be updated in place.</summary>
public sealed record SentCard(string Platform, string Subject, string ConversationId, string MessageId, string? ServiceUrl)
{
    /// <summary>Whom it was sent to, as the outbox names recipients (<c>person:maya</c>, <c>channel:incidents</c>).</summary>
    public string? Recipient { get; init; }

    /// <summary>
    /// The outbox row it was delivered from, so a refresh knows which change the card already shows; null when not
    /// known (cards recorded before it was kept, or sent outside the outbox).
    /// </summary>
    public long? OutboxId { get; init; }
}
