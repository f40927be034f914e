namespace SecBot.Chat.Cards;

/// <summary>Every button action SecBot renders; each has a handler (a convention test checks it).</summary>
public static class ActionIds
{
    public const string Acknowledge = "incident.ack";
    public const string Escalate = "incident.escalate";
    public const string Resolve = "incident.resolve";

    public const string Approve = "gate.approve";
    public const string Reject = "gate.reject";

    /// <summary>Optional reviewers: a comment, or an objection that is shown but never blocks.</summary>
    public const string Comment = "gate.comment";
    public const string Object = "gate.object";

    /// <summary>The input ids buttons ask for.</summary>
    public static class Inputs
    {
        public const string Reason = "reason";
        public const string Summary = "summary";
        public const string Comment = "comment";
        public const string Checklist = "checklist";
    }
}
