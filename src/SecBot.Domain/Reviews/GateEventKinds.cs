namespace SecBot.Domain.Reviews;

/// <summary>Kinds of <see cref="GateEvent"/>, also used as the kinds of the notices they cause.</summary>
public static class GateEventKinds
{
    public const string Opened = "opened";
    public const string ReviewRequested = "review-requested";
    public const string NoReviewer = "no-reviewer";
    public const string SignedOff = "signed-off";
    public const string Commented = "commented";
    public const string Objected = "objected";
    public const string Overridden = "overridden";
    public const string StageCompleted = "stage-completed";
    public const string Approved = "approved";
    public const string OwnerAssigned = "owner-assigned";
    public const string ChangesRequested = "changes-requested";
    public const string Resubmitted = "resubmitted";
    public const string Reminded = "reminded";
    public const string ManagerNotified = "manager-notified";
}
