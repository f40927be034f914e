namespace SecBot.Domain.Incidents;

/// <summary>
/// A machine that opens and closes incidents (a PagerDuty Events v2 sender, Alertmanager): not a roster person, so
/// it acts on the incident its own alert opened without the person rules, and the timeline names it as the actor.
/// </summary>
public sealed record AlertSource(string Name)
{
    public const string ActorPrefix = "alert:";

    /// <summary>The actor recorded on the timeline and as declarer, acknowledger or resolver: <c>alert:Alertmanager</c>.</summary>
    public string ActorId => ActorPrefix + Name;

    public static bool IsSource(string? actorId) => actorId is not null && actorId.StartsWith(ActorPrefix, StringComparison.Ordinal);
}
