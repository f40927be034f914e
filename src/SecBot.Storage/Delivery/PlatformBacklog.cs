namespace SecBot.Storage.Delivery;

/// <summary>
/// What one platform's outbox holds undelivered: messages still pending (and how many of them already failed at least
/// once, with the newest of those failures), since when the oldest has waited, and how many were given up on.
/// </summary>
public sealed record PlatformBacklog(string Platform, long Pending, long Retrying, DateTimeOffset? OldestPendingAt, long Dead, string? LastError)
{
    /// <summary>How long the oldest pending message has waited at <paramref name="now"/>; zero when none is pending.</summary>
    public TimeSpan OldestPendingAge(DateTimeOffset now) => OldestPendingAt is { } oldest && now > oldest ? now - oldest : TimeSpan.Zero;
}
