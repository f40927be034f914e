namespace SecBot.Domain.Policy;

public sealed class RosterOptions
{
    /// <summary>IANA zone in which dated role assignments (<see cref="AssignmentOptions"/>) begin and end.</summary>
    public string TimeZone { get; set; } = "Europe/London";

    public List<TeamOptions> Teams { get; set; } = [];
    public List<RoleOptions> Roles { get; set; } = [];
    public List<PersonOptions> People { get; set; } = [];
    public List<RotationOptions> Rotations { get; set; } = [];
}

/// <summary>A team and the role that manages it (paged when nobody is on call for one of its roles).</summary>
public sealed class TeamOptions
{
    public string Id { get; set; } = "";
    public string Name { get; set; } = "";
    public string ManagerRole { get; set; } = "";
}

public sealed class RoleOptions
{
    public string Id { get; set; } = "";
    public string Name { get; set; } = "";

    /// <summary>Team id; empty for roles outside the org (the Executive contact).</summary>
    public string Team { get; set; } = "";
}

public sealed class PersonOptions
{
    public string Id { get; set; } = "";
    public string Name { get; set; } = "";
    public string Email { get; set; } = "";
    public string SlackUserId { get; set; } = "";
    public string TeamsUserId { get; set; } = "";

    /// <summary>Roles held now, whenever no dated assignment covers the day in question.</summary>
    public List<string> Roles { get; set; } = [];

    /// <summary>Dated history (the six-month SecOps/SecEng rotation); on a day they cover they replace <see cref="Roles"/>.</summary>
    public List<AssignmentOptions> Assignments { get; set; } = [];
}

public sealed class AssignmentOptions
{
    public string Role { get; set; } = "";
    public DateOnly From { get; set; }

    /// <summary>Last day held (inclusive); empty means open-ended.</summary>
    public DateOnly? To { get; set; }
}

public sealed class RotationOptions
{
    public string Id { get; set; } = "";
    public string Name { get; set; } = "";

    /// <summary>Person ids, on call in this order, round the list.</summary>
    public List<string> Members { get; set; } = [];

    /// <summary>Local wall-clock start of the first shift in <see cref="TimeZone"/>; every handoff keeps this local time.</summary>
    public DateTime Start { get; set; }

    public TimeSpan Length { get; set; } = TimeSpan.FromDays(7);
    public string TimeZone { get; set; } = "UTC";

    /// <summary>The role paged through this rotation (<c>role:X</c> targets go to the on-call person). Optional.</summary>
    public string Role { get; set; } = "";
}
