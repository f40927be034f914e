namespace SecBot.Storage.Timers;

/// <summary>A recorded failed firing: the timer's failed attempts so far, and when it is tried again (null: it is parked).</summary>
public sealed record TimerFailure(int Attempts, DateTimeOffset? RetryAt)
{
    public bool Parked => RetryAt is null;
}
