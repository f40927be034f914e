namespace SecBot.Storage.Timers;

/// <summary>The timer columns as Dapper reads them.</summary>
internal sealed class TimerRow
{
    public const string Columns = "id, kind, subject, due_at, payload";

    public long Id { get; init; }
    public string Kind { get; init; } = "";
    public string Subject { get; init; } = "";
    public DateTimeOffset DueAt { get; init; }
    public string? Payload { get; init; }

    public DueTimer ToDueTimer() => new(Id, Kind, Subject, DueAt, Payload);
}
