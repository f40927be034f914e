namespace SecBot.Chat.Alerts;

/// <summary>The request would open more new incidents than its routing key may now (<see cref="NewIncidentLimit"/>): none of it was recorded.</summary>
public sealed class AlertRateLimitedException(TimeSpan retryAfter, string message) : Exception(message)
{
    public TimeSpan RetryAfter { get; } = retryAfter;
}
