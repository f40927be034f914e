namespace SecBot.Storage.Delivery;

/// <summary>An outbox row as the dispatcher sees it.</summary>
public sealed record OutboxEntry(
    long Id,
    string Platform,
    string ChannelKey,
    string Kind,
    string Payload,
    DateTimeOffset CreatedAt,
    DateTimeOffset NextAttemptAt,
    int Attempts,
    string? LastError,
    OutboxState State,
    DateTimeOffset? SentAt)
{
    /// <summary>When the dispatcher gave up on it (<see cref="OutboxState.Dead"/>); null otherwise, and for rows dead-lettered before this was recorded.</summary>
    public DateTimeOffset? DeadAt { get; init; }
}
