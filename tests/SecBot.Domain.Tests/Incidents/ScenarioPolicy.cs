namespace SecBot.Domain.Tests.Incidents;

using SecBot.Domain.Policy;

/// <summary>
/// The default policy of policy.md ("On-call", "Escalation levels", "Incident types"), built in code so the
/// incident tests do not depend on the shipped appsettings.json. Every call returns fresh options a test may change.
/// </summary>
/// <remarks>
/// Rotation l1: maya (SeniorSocEngineer) then sam (SocEngineer), weekly from Monday 2026-01-05 09:00 Europe/London.
/// London is on GMT in January, so local times there equal UTC.
/// </remarks>
internal static class ScenarioPolicy
{
    public const string Maya = "maya";      // SeniorSocEngineer, l1 member (weeks 1, 3, …)
    public const string Sam = "sam";        // SocEngineer, l1 member (weeks 2, 4, …)
    public const string Priya = "priya";    // IncidentResponseLead
    public const string Diego = "diego";    // CloudSecurityEngineer
    public const string Hannah = "hannah";  // SeniorRedTeamEngineer
    public const string Leo = "leo";        // RedTeamEngineer
    public const string Amara = "amara";    // SecurityArchitect
    public const string Kenji = "kenji";    // SecurityToolEngineer
    public const string Olivia = "olivia";  // SecOpsManager
    public const string Raj = "raj";        // SecEngManager
    public const string Elena = "elena";    // Executive (outside the org)

    public static readonly TimeSpan AckTimeout = TimeSpan.FromMinutes(10);

    /// <summary>The first handoff of l1: maya's first shift begins.</summary>
    public static readonly DateTimeOffset RotationStart = new(2026, 1, 5, 9, 0, 0, TimeSpan.Zero);

    /// <summary>Tuesday of week 1 of l1: maya is on call.</summary>
    public static readonly DateTimeOffset MayaWeek = new(2026, 1, 6, 14, 0, 0, TimeSpan.Zero);

    /// <summary>Tuesday of week 2 of l1: sam is on call.</summary>
    public static readonly DateTimeOffset SamWeek = new(2026, 1, 13, 14, 0, 0, TimeSpan.Zero);

    public static PolicyOptions Options() => new()
    {
        Roster = new RosterOptions
        {
            TimeZone = "Europe/London",
            Teams =
            [
                new() { Id = "SecOps", Name = "Security Operations", ManagerRole = "SecOpsManager" },
                new() { Id = "SecEng", Name = "Security Engineering", ManagerRole = "SecEngManager" },
                new() { Id = "Leadership", Name = "Security Leadership", ManagerRole = "SecOpsManager" },
            ],
            Roles =
            [
                Role("SocEngineer", "SecOps"),
                Role("SeniorSocEngineer", "SecOps"),
                Role("IncidentResponseLead", "SecOps"),
                Role("CloudSecurityEngineer", "SecOps"),
                Role("SeniorRedTeamEngineer", "SecEng"),
                Role("RedTeamEngineer", "SecEng"),
                Role("SecurityArchitect", "SecEng"),
                Role("SecurityToolEngineer", "SecEng"),
                Role("SecOpsManager", "Leadership"),
                Role("SecEngManager", "Leadership"),
                Role("Executive", ""),
            ],
            People =
            [
                Person(Maya, "SeniorSocEngineer"),
                Person(Sam, "SocEngineer"),
                Person(Priya, "IncidentResponseLead"),
                Person(Diego, "CloudSecurityEngineer"),
                Person(Hannah, "SeniorRedTeamEngineer"),
                Person(Leo, "RedTeamEngineer"),
                Person(Amara, "SecurityArchitect"),
                Person(Kenji, "SecurityToolEngineer"),
                Person(Olivia, "SecOpsManager"),
                Person(Raj, "SecEngManager"),
                Person(Elena, "Executive"),
            ],
            Rotations =
            [
                new()
                {
                    Id = "l1",
                    Name = "L1 24/7 rotation",
                    Members = [Maya, Sam],
                    Start = new DateTime(2026, 1, 5, 9, 0, 0, DateTimeKind.Unspecified),
                    Length = TimeSpan.FromDays(7),
                    TimeZone = "Europe/London",
                    Role = "SocEngineer",
                },
            ],
        },
        Escalation = new EscalationOptions
        {
            Repages = 1,
            MayAcknowledge = ["SecOpsManager", "SecEngManager"],
            Levels =
            [
                new() { Name = "L1", Page = ["rotation:l1"], AckTimeout = AckTimeout },
                new() { Name = "L2", Page = ["role:SeniorSocEngineer", "role:IncidentResponseLead"], AckTimeout = AckTimeout },
                new() { Name = "L3", Page = ["role:SecOpsManager", "role:SecEngManager"], AckTimeout = AckTimeout },
                new()
                {
                    Name = "Executive",
                    Aliases = ["EXEC"],
                    Page = ["role:Executive"],
                    AckTimeout = AckTimeout,
                    NotifyOnly = true,
                    ManualOnly = true,
                    EscalateRoles = ["SecOpsManager", "SecEngManager"],
                },
            ],
            IncidentTypes =
            [
                new() { Id = "general", Name = "General incident", StartLevel = "L1" },
                new()
                {
                    Id = "customer",
                    Name = "Customer issue",
                    StartLevel = "L3",
                    Pages = new() { ["L3"] = ["role:SecOpsManager"] },
                    LeadRole = "IncidentResponseLead",
                },
                new()
                {
                    Id = "aws",
                    Name = "AWS anomaly",
                    StartLevel = "L1",
                    Pages = new() { ["L1"] = ["role:CloudSecurityEngineer"], ["L2"] = ["role:SeniorSocEngineer"] },
                },
            ],
        },
    };

    private static RoleOptions Role(string id, string team) => new() { Id = id, Name = id, Team = team };

    private static PersonOptions Person(string id, string role) => new()
    {
        Id = id,
        Name = char.ToUpperInvariant(id[0]) + id[1..],
        Email = $"{id}@example.com",
        SlackUserId = $"U0{id.ToUpperInvariant()}",
        TeamsUserId = $"aad-{id}",
        Roles = [role],
    };
}
