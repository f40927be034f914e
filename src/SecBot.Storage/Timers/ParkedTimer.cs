namespace SecBot.Storage.Timers;

/// <summary>A timer the clock gave up on after its handler kept failing; kept, out of the schedule.</summary>
public sealed record ParkedTimer(long Id, string Kind, string Subject, DateTimeOffset DueAt, int Attempts, string? LastError, DateTimeOffset FailedAt);
