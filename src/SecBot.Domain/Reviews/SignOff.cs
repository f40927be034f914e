namespace SecBot.Domain.Reviews;

/// <summary>
/// One reviewer's decision on one seat of one revision. <see cref="RoleHeld"/> is the role that entitled the
/// person to the seat on the day they signed, so a later rotation does not rewrite history.
/// <see cref="IsStale"/> is set when the requester resubmits: the sign-off stays, but no longer counts.
/// </summary>
public sealed record SignOff(
    int Revision,
    int StageNumber,
    string SeatId,
    string PersonId,
    string RoleHeld,
    SignOffDecision Decision,
    string? Comment,
    IReadOnlyList<string> Checklist,
    string Platform,
    DateTimeOffset At,
    bool IsOptionalSeat = false,
    bool IsStale = false)
{
    public bool IsOverride => Decision == SignOffDecision.Override;

    /// <summary>Fills a required seat: an approval or an override on a required seat.</summary>
    public bool FillsRequiredSeat => !IsOptionalSeat && Decision is SignOffDecision.Approve or SignOffDecision.Override;
}
