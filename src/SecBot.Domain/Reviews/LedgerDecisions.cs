namespace SecBot.Domain.Reviews;

/// <summary>The <see cref="LedgerEntry.Decision"/> values: a reviewer's sign-off, or a decision about the whole gate.</summary>
public static class LedgerDecisions
{
    public const string Approve = "approve";
    public const string Reject = "reject";
    public const string Comment = "comment";
    public const string Object = "object";
    public const string Override = "override";

    /// <summary>
    /// The gate was opened: the row's person is the requester (with the role they held, '' when none), and its comment
    /// is <see cref="GateOpening"/>'s record of the gate type and title, so the ledger pins who asked for what.
    /// </summary>
    public const string Opened = "opened";

    public const string GateApproved = "gate-approved";
    public const string ChangesRequested = "changes-requested";
    public const string Resubmitted = "resubmitted";

    public static string Of(SignOffDecision decision) => decision switch
    {
        SignOffDecision.Approve => Approve,
        SignOffDecision.Reject => Reject,
        SignOffDecision.Comment => Comment,
        SignOffDecision.Object => Object,
        SignOffDecision.Override => Override,
        _ => throw new ArgumentOutOfRangeException(nameof(decision), decision, null),
    };
}
