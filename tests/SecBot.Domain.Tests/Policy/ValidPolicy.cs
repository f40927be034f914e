using SecBot.Domain.Policy;

namespace SecBot.Domain.Tests.Policy;

/// <summary>
/// A small policy that passes validation; each rule test breaks exactly one thing in it.
/// People: ann and bob (Analyst, on the "day" rotation), cat (Lead), dan (OpsManager), eve (Executive).
/// </summary>
internal static class ValidPolicy
{
    public static PolicyOptions Create() => new()
    {
        Roster = new RosterOptions
        {
            TimeZone = "Europe/London",
            Teams = [new TeamOptions { Id = "Ops", Name = "Operations", ManagerRole = "OpsManager" }],
            Roles =
            [
                new RoleOptions { Id = "Analyst", Name = "Analyst", Team = "Ops" },
                new RoleOptions { Id = "Lead", Name = "Lead", Team = "Ops" },
                new RoleOptions { Id = "OpsManager", Name = "Operations Manager", Team = "Ops" },
                new RoleOptions { Id = "Executive", Name = "CISO", Team = "" },
            ],
            People =
            [
                Person("ann", "Analyst"),
                Person("bob", "Analyst"),
                Person("cat", "Lead"),
                Person("dan", "OpsManager"),
                Person("eve", "Executive"),
            ],
            Rotations =
            [
                new RotationOptions
                {
                    Id = "day",
                    Name = "Day rotation",
                    Members = ["ann", "bob"],
                    Start = new DateTime(2026, 1, 5, 9, 0, 0, DateTimeKind.Unspecified),
                    Length = TimeSpan.FromDays(7),
                    TimeZone = "Europe/London",
                    Role = "Analyst",
                },
            ],
        },
        Escalation = new EscalationOptions
        {
            Repages = 1,
            Levels =
            [
                new LevelOptions { Name = "L1", Page = ["rotation:day"] },
                new LevelOptions { Name = "L2", Page = ["role:Lead"] },
                new LevelOptions
                {
                    Name = "Executive", Aliases = ["EXEC"], Page = ["role:Executive"],
                    NotifyOnly = true, ManualOnly = true, EscalateRoles = ["OpsManager"],
                },
            ],
            IncidentTypes =
            [
                new IncidentTypeOptions { Id = "general", Name = "General", StartLevel = "L1" },
                new IncidentTypeOptions
                {
                    Id = "special", Name = "Special", StartLevel = "L2",
                    Pages = new() { ["L1"] = ["role:Lead"] },
                    LeadRole = "Lead", OnResolveGate = "postmortem",
                },
            ],
        },
        Reviews = new ReviewOptions
        {
            Seats =
            [
                new SeatOptions { Id = "Analysts", Name = "Analysts", Roles = ["Analyst"] },
                new SeatOptions { Id = "Leads", Name = "Leads", Roles = ["Lead"] },
            ],
            GateTypes =
            [
                new GateTypeOptions
                {
                    Id = "postmortem", Name = "Postmortem",
                    Stages =
                    [
                        new StageOptions { Name = "Design", Required = ["Leads"] },
                        new StageOptions { Name = "Operations", Required = ["Analysts"], Optional = ["Leads"] },
                    ],
                    Checklist = ["Tested"],
                    OwnerRoleOnApproval = "Lead",
                },
            ],
        },
    };

    private static PersonOptions Person(string id, string role) => new()
    {
        Id = id,
        Name = id,
        Email = $"{id}@example.com",
        SlackUserId = $"U0{id.ToUpperInvariant()}",
        TeamsUserId = $"teams-{id}",
        Roles = [role],
    };
}
