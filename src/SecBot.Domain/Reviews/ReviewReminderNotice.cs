namespace SecBot.Domain.Reviews;

/// <summary>A new direct message (so the client notifies again) to a reviewer whose seats are still pending.</summary>
public sealed record ReviewReminderNotice(Gate Gate, string PersonId, IReadOnlyList<string> SeatIds, int StageNumber, TimeSpan Waiting)
    : GateNotice(Gate);
