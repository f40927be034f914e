namespace SecBot.Domain.Reviews;

/// <summary>
/// One append-only row of the sign-off ledger: a reviewer's sign-off, or a decision about the whole gate
/// (<see cref="LedgerDecisions.Opened"/>, <see cref="LedgerDecisions.GateApproved"/>,
/// <see cref="LedgerDecisions.ChangesRequested"/>, <see cref="LedgerDecisions.Resubmitted"/>). Gate rows have an empty <see cref="SeatId"/>; their person is
/// whoever caused the decision (the requester who opened or resubmitted it, the last signer, the rejecter) with the role they held.
/// </summary>
public sealed record LedgerEntry(
    long GateNumber,
    int Revision,
    int StageNumber,
    string SeatId,
    string PersonId,
    string RoleHeld,
    string Decision,
    string? Comment,
    IReadOnlyList<string> Checklist,
    string Platform,
    bool IsOverride,
    DateTimeOffset At)
{
    public const string WholeGate = "";

    public static LedgerEntry Of(long gateNumber, SignOff signOff)
    {
        ArgumentNullException.ThrowIfNull(signOff);
        return new LedgerEntry(
            gateNumber, signOff.Revision, signOff.StageNumber, signOff.SeatId, signOff.PersonId, signOff.RoleHeld,
            LedgerDecisions.Of(signOff.Decision), signOff.Comment, signOff.Checklist, signOff.Platform, signOff.IsOverride, signOff.At);
    }
}
