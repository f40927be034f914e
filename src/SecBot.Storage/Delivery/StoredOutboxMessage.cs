namespace SecBot.Storage.Delivery;

/// <summary>An outbox row as stored, with the dispatcher's claim on it (null when nobody holds one).</summary>
public sealed record StoredOutboxMessage(OutboxEntry Message, string? ClaimedBy, DateTimeOffset? ClaimedAt);

/// <summary>The outbox's claim columns as Dapper reads them, after an <see cref="OutboxRow"/>.</summary>
internal sealed class OutboxClaimRow
{
    public const string Columns = "claimed_by, claimed_at";

    public string? ClaimedBy { get; init; }
    public DateTimeOffset? ClaimedAt { get; init; }
}
