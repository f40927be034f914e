namespace SecBot.Chat.Parsing;

/// <summary>The canonical command words, the first word of every command.</summary>
public static class CommandWords
{
    public const string Help = "help";
    public const string Declare = "declare";
    public const string Ack = "ack";
    public const string Escalate = "escalate";
    public const string Resolve = "resolve";
    public const string Status = "status";
    public const string OnCall = "oncall";
    public const string Cover = "cover";
    public const string Review = "review";
    public const string Approve = "approve";
    public const string Reject = "reject";
    public const string Resubmit = "resubmit";
    public const string Override = "override";
    public const string Comment = "comment";
    public const string Object = "object";
    public const string Reviews = "reviews";
    public const string Request = "request";
    public const string Retry = "retry";
    public const string Report = "report";
}
