namespace SecBot.Storage.Timers;

/// <summary>A claimed timer, to be fired by the clock.</summary>
public sealed record DueTimer(long Id, string Kind, string Subject, DateTimeOffset DueAt, string? Payload);
