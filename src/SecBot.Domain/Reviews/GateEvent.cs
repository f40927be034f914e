namespace SecBot.Domain.Reviews;

/// <summary>A timeline row of a gate. <see cref="Actor"/> is a person id, or <c>secbot</c> for automatic steps.</summary>
public sealed record GateEvent(DateTimeOffset At, string Kind, string Actor, string Detail)
{
    public const string System = "secbot";
}
