namespace SecBot.Domain.Tests.Roster;

// Inside the namespace, so that "Roster" names the type rather than this test namespace.
using SecBot.Domain.Policy;
using SecBot.Domain.Roster;

/// <summary>A small copy of the default org chart; every call returns fresh options a test may change.</summary>
internal static class SeedRoster
{
    public const string MayaTeamsId = "6f1c2a9e-3b4d-4e5f-8a7b-1c2d3e4f5a6b";

    public static RosterOptions Options() => new()
    {
        TimeZone = "Europe/London",
        Teams =
        [
            new() { Id = "SecOps", Name = "Security Operations", ManagerRole = "SecOpsManager" },
            new() { Id = "SecEng", Name = "Security Engineering", ManagerRole = "SecEngManager" },
            new() { Id = "Leadership", Name = "Leadership" },
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
            Person("maya", "SeniorSocEngineer", slack: "U0MAYA0001", teams: MayaTeamsId),
            Person("sam", "SocEngineer"),
            Person("priya", "IncidentResponseLead"),
            // Rotated from SecOps (incident response) to SecEng (architecture) on 2026-03-01.
            Person("rio", "SecurityArchitect", new AssignmentOptions { Role = "IncidentResponseLead", From = new(2025, 9, 1), To = new(2026, 2, 28) }),
            // Rotated the other way on the same day.
            Person("kai", "CloudSecurityEngineer", new AssignmentOptions { Role = "SecurityArchitect", From = new(2025, 9, 1), To = new(2026, 2, 28) }),
            Person("alex", "SeniorRedTeamEngineer"),
            Person("jo", "RedTeamEngineer"),
            Person("tomas", "SecurityToolEngineer"),
            Person("dana", "SecOpsManager"),
            Person("lee", "SecEngManager"),
            Person("ciso", "Executive"),
        ],
        Rotations =
        [
            new()
            {
                Id = "l1",
                Name = "L1 24/7",
                Members = ["maya", "sam"],
                Start = new DateTime(2026, 1, 5, 9, 0, 0),
                Length = TimeSpan.FromDays(7),
                TimeZone = "Europe/London",
                Role = "SocEngineer",
            },
        ],
    };

    public static Roster Build() => Roster.From(Options());

    private static RoleOptions Role(string id, string team) => new() { Id = id, Name = id, Team = team };

    private static PersonOptions Person(string id, string role, params AssignmentOptions[] history) =>
        Person(id, role, slack: $"U0{id.ToUpperInvariant()}", teams: $"aad-{id}", history);

    private static PersonOptions Person(string id, string role, string slack, string teams, params AssignmentOptions[] history) => new()
    {
        Id = id,
        Name = char.ToUpperInvariant(id[0]) + id[1..],
        Email = $"{id}@example.com",
        SlackUserId = slack,
        TeamsUserId = teams,
        Roles = [role],
        Assignments = [.. history],
    };
}
