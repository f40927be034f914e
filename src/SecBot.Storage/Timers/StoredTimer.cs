namespace SecBot.Storage.Timers;

/// <summary>
/// A timer as stored: <see cref="FiredAt"/> is set once it fired (or was parked), <see cref="FailedAt"/> only when the
/// clock gave up on it after <see cref="Attempts"/> failed firings.
/// </summary>
public sealed record StoredTimer(
    long Id,
    string Kind,
    string Subject,
    DateTimeOffset DueAt,
    string? Payload,
    DateTimeOffset? FiredAt,
    int Attempts,
    string? LastError,
    DateTimeOffset? FailedAt);

/// <summary>The timer columns <see cref="TimerRepository.ListAllAsync(CancellationToken)"/> reads, as Dapper reads them.</summary>
internal sealed class StoredTimerRow
{
    public long Id { get; init; }
    public string Kind { get; init; } = "";
    public string Subject { get; init; } = "";
    public DateTimeOffset DueAt { get; init; }
    public string? Payload { get; init; }
    public DateTimeOffset? FiredAt { get; init; }
    public long Attempts { get; init; }
    public string? LastError { get; init; }
    public DateTimeOffset? FailedAt { get; init; }

    public StoredTimer ToStoredTimer() => new(Id, Kind, Subject, DueAt, Payload, FiredAt, checked((int)Attempts), LastError, FailedAt);
}
