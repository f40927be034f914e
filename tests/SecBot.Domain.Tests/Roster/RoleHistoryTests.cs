namespace SecBot.Domain.Tests.Roster;

using SecBot.Domain.Roster;

public class RoleHistoryTests
{
    private readonly Roster _roster = SeedRoster.Build();

    [Fact]
    public void The_security_architect_on_2026_03_01_is_the_person_who_rotated_from_secops_to_seceng()
    {
        var holders = _roster.HoldersOf("SecurityArchitect", new DateOnly(2026, 3, 1));

        Assert.Equal(["rio"], holders.Select(p => p.Id));
    }

    [Fact]
    public void The_day_before_the_rotation_the_security_architect_was_the_person_who_moved_to_secops()
    {
        var holders = _roster.HoldersOf("SecurityArchitect", new DateOnly(2026, 2, 28));

        Assert.Equal(["kai"], holders.Select(p => p.Id));
    }

    [Fact]
    public void A_dated_assignment_replaces_the_current_roles_on_the_days_it_covers()
    {
        Assert.Equal(["IncidentResponseLead"], _roster.RolesHeldBy("rio", new DateOnly(2025, 12, 1)));
        Assert.Equal(["SecurityArchitect"], _roster.RolesHeldBy("rio", new DateOnly(2026, 3, 1)));
        Assert.Equal(["SecurityArchitect"], _roster.RolesHeldBy("rio", new DateOnly(2025, 8, 31)));
    }

    [Fact]
    public void The_day_of_an_instant_is_taken_in_the_roster_time_zone()
    {
        // 23:30 in New York on 28 February is already 1 March in London.
        var lateEveningInNewYork = new DateTimeOffset(2026, 2, 28, 23, 30, 0, TimeSpan.FromHours(-5));
        // 23:30 UTC on 30 June is already 1 July in London (BST).
        var lateEveningUtcInSummer = new DateTimeOffset(2026, 6, 30, 23, 30, 0, TimeSpan.Zero);
        var options = SeedRoster.Options();
        options.People.Single(p => p.Id == "jo").Assignments.Add(new() { Role = "SecurityToolEngineer", From = new(2026, 1, 1), To = new(2026, 6, 30) });
        var roster = Roster.From(options);

        Assert.Equal(["rio"], roster.HoldersOf("SecurityArchitect", lateEveningInNewYork).Select(p => p.Id));
        Assert.Equal(["RedTeamEngineer"], roster.RolesHeldBy("jo", lateEveningUtcInSummer));
        Assert.True(roster.Holds("jo", "securitytoolengineer", lateEveningUtcInSummer.AddHours(-1)));
    }

    [Fact]
    public void The_holders_of_a_role_next_change_at_the_start_of_the_first_day_they_differ()
    {
        var february = new DateTimeOffset(2026, 2, 10, 12, 0, 0, TimeSpan.Zero);

        Assert.Equal(new DateTimeOffset(2026, 3, 1, 0, 0, 0, TimeSpan.Zero), _roster.HoldersOfChangeAfter("SecurityArchitect", february));
        Assert.Null(_roster.HoldersOfChangeAfter("SecurityArchitect", february.AddMonths(1)));
        Assert.Null(_roster.HoldersOfChangeAfter("SeniorRedTeamEngineer", february));
    }

    [Fact]
    public void An_unknown_person_holds_no_roles()
    {
        Assert.Empty(_roster.RolesHeldBy("nobody", new DateOnly(2026, 3, 1)));
    }
}
