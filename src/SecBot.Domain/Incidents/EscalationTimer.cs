namespace SecBot.Domain.Incidents;

/// <summary>
/// An acknowledgement deadline for one level of one incident. Step 1 re-pages; the step after the last
/// re-page escalates. A timer whose level or step no longer matches the incident is ignored, so
/// nothing ever needs cancelling.
/// </summary>
public sealed record EscalationTimer(long IncidentNumber, string Level, int Step, DateTimeOffset DueAt)
{
    public const string Kind = "incident-ack-timeout";
}
