namespace SecBot.Domain.Policy;

public sealed class EscalationOptions
{
    /// <summary>Levels in escalation order (L1 → L2 → L3 → Executive).</summary>
    public List<LevelOptions> Levels { get; set; } = [];

    public List<IncidentTypeOptions> IncidentTypes { get; set; } = [];

    /// <summary>How many times an unacknowledged page is re-sent before the incident escalates.</summary>
    public int Repages { get; set; } = 1;

    /// <summary>
    /// Roles that may acknowledge or resolve any incident besides the people paged on it and its lead (the shipped
    /// policy: the SecOps and SecEng managers). Everyone else may follow an incident and escalate it, not stop or close it.
    /// </summary>
    public List<string> MayAcknowledge { get; set; } = [];
}

public sealed class LevelOptions
{
    public string Name { get; set; } = "";

    /// <summary>Other names accepted in commands (<c>EXEC</c> for Executive).</summary>
    public List<string> Aliases { get; set; } = [];

    /// <summary>Page targets: <c>rotation:&lt;id&gt;</c> or <c>role:&lt;RoleId&gt;</c>.</summary>
    public List<string> Page { get; set; } = [];

    public TimeSpan AckTimeout { get; set; } = TimeSpan.FromMinutes(10);

    /// <summary>A notification, not a page to acknowledge (Executive).</summary>
    public bool NotifyOnly { get; set; }

    /// <summary>Automatic escalation never enters this level; only <see cref="EscalateRoles"/> may.</summary>
    public bool ManualOnly { get; set; }

    /// <summary>Roles allowed to escalate into this level; empty means anyone on the roster.</summary>
    public List<string> EscalateRoles { get; set; } = [];

    /// <summary>Roles that may also acknowledge or resolve an incident while it is at this level (added to <see cref="EscalationOptions.MayAcknowledge"/>).</summary>
    public List<string> MayAcknowledge { get; set; } = [];
}

public sealed class IncidentTypeOptions
{
    public string Id { get; set; } = "";
    public string Name { get; set; } = "";
    public string StartLevel { get; set; } = "L1";

    /// <summary>Per-level page targets that replace the level's own for this type (aws: CloudSecurityEngineer at L1).</summary>
    public Dictionary<string, List<string>> Pages { get; set; } = [];

    /// <summary>Role paged as the incident lead when the incident is declared (customer: IncidentResponseLead).</summary>
    public string LeadRole { get; set; } = "";

    /// <summary>Gate type opened, linked to the incident, when it is resolved.</summary>
    public string OnResolveGate { get; set; } = "";

    /// <summary>Roles that may also acknowledge or resolve incidents of this type (added to <see cref="EscalationOptions.MayAcknowledge"/>).</summary>
    public List<string> MayAcknowledge { get; set; } = [];
}
