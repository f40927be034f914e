namespace SecBot.Domain.Reviews;

/// <summary>A direct message asking a reviewer to sign required seats of a stage, with Approve and Reject.</summary>
public sealed record ReviewRequestNotice(Gate Gate, string PersonId, IReadOnlyList<string> SeatIds, int StageNumber) : GateNotice(Gate);
