namespace SecBot.Storage.Delivery;

/// <summary>An outbox row as stored, with the dispatcher's claim on it (null when nobody holds one).</summary>
public sealed record StoredOutboxMessage(OutboxEntry Message, string? ClaimedBy, DateTimeOffset? ClaimedAt);

/// <summary>The outbox columns and the claim columns as Dapper reads them.</summary>
internal sealed class StoredOutboxRow
{
    public long Id { get; init; }
    public string Platform { get; init; } = "";
    public string ChannelKey { get; init; } = "";
    public string Kind { get; init; } = "";
    public string Payload { get; init; } = "";
    public DateTimeOffset CreatedAt { get; init; }
    public DateTimeOffset NextAttemptAt { get; init; }
    public long Attempts { get; init; }
    public string? LastError { get; init; }
    public string State { get; init; } = "";
    public DateTimeOffset? SentAt { get; init; }
    public DateTimeOffset? DeadAt { get; init; }
    public string? ClaimedBy { get; init; }
    public DateTimeOffset? ClaimedAt { get; init; }

    public OutboxEntry ToEntry() => new OutboxRow
    {
        Id = Id,
        Platform = Platform,
        ChannelKey = ChannelKey,
        Kind = Kind,
        Payload = Payload,
        CreatedAt = CreatedAt,
        NextAttemptAt = NextAttemptAt,
        Attempts = Attempts,
        LastError = LastError,
        State = State,
        SentAt = SentAt,
        DeadAt = DeadAt,
    }.ToEntry();
}
