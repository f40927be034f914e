namespace SecBot.Domain.Incidents;

/// <summary>A timeline row. <see cref="Actor"/> is a person id, or <c>secbot</c> for automatic steps.</summary>
public sealed record IncidentEvent(DateTimeOffset At, string Kind, string Actor, string Detail)
{
    public const string System = "secbot";
}

public static class IncidentEventKinds
{
    public const string Declared = "declared";
    public const string Paged = "paged";
    public const string Repaged = "repaged";
    public const string Acknowledged = "acknowledged";
    public const string Escalated = "escalated";
    public const string AutoEscalated = "auto-escalated";
    public const string EscalationStopped = "escalation-stopped";
    public const string Resolved = "resolved";
    public const string TimerIgnored = "timer-ignored";
}
