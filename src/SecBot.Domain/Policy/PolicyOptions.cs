namespace SecBot.Domain.Policy;

/// <summary>
/// The organization's policy as bound from the <c>SecBot</c> configuration section:
/// people, roles, rotations, escalation levels, incident types and review gates.
/// Validated at start by <see cref="PolicyValidator"/>.
/// </summary>
public sealed class PolicyOptions
{
    public const string SectionName = "SecBot";

    public RosterOptions Roster { get; set; } = new();
    public EscalationOptions Escalation { get; set; } = new();
    public ReviewOptions Reviews { get; set; } = new();
}
