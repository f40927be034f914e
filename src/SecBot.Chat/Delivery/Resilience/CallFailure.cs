namespace SecBot.Chat.Delivery.Resilience;

/// <summary>
/// What the resilience pipeline needs to know about one failed attempt, whatever the platform: whether trying again
/// can help, how long the platform asked to wait, and whether it was a rate limit (slower, not down).
/// </summary>
public sealed record CallFailure(bool IsRetryable, TimeSpan? RetryAfter, bool IsRateLimit);
