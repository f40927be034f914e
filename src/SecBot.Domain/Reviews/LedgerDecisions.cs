namespace SecBot.Domain.Reviews;

/// <summary>The <see cref="LedgerEntry.Decision"/> values: a reviewer's sign-off, or a decision about the whole gate.</summary>
public static class LedgerDecisions
{
    public const string Approve = "approve";
    public const string Reject = "reject";
    public const string Comment = "comment";
    public const string Object = "object";
    public const string Override = "override";

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
