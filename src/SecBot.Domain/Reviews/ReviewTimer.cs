namespace SecBot.Domain.Reviews;

/// <summary>
/// A reminder or manager-notice deadline for one stage of one revision. A timer whose revision or stage no
/// longer matches the gate, or whose gate is no longer open, is ignored, so nothing ever needs cancelling.
/// </summary>
public sealed record ReviewTimer(long GateNumber, int Revision, int StageNumber, ReviewTimerPurpose Purpose, DateTimeOffset DueAt)
{
    public const string Kind = "review-timer";
}
