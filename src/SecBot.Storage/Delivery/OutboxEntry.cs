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
    DateTimeOffset? SentAt);
