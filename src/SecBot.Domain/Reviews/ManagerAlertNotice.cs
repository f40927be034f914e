namespace SecBot.Domain.Reviews;

/// <summary>Tells a team manager which of their team's seats have kept a gate waiting, and for how long.</summary>
public sealed record ManagerAlertNotice(Gate Gate, string ManagerId, IReadOnlyList<string> PendingSeatIds, TimeSpan Waiting, string Text)
    : GateNotice(Gate);
