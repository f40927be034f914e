namespace SecBot.Storage.Delivery;

/// <summary>The outbox columns as Dapper reads them.</summary>
internal sealed class OutboxRow
{
    public const string Columns =
        "id, platform, channel_key, kind, payload, created_at, next_attempt_at, attempts, last_error, state, sent_at, dead_at";

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

    public OutboxEntry ToEntry() => new(
        Id,
        Platform,
        ChannelKey,
        Kind,
        Payload,
        CreatedAt,
        NextAttemptAt,
        checked((int)Attempts),
        LastError,
        State switch
        {
            "pending" => OutboxState.Pending,
            "sent" => OutboxState.Sent,
            "dead" => OutboxState.Dead,
            _ => throw new InvalidOperationException($"Outbox row {Id} has unknown state '{State}'."),
        },
        SentAt) { DeadAt = DeadAt };
}
