namespace SecBot.Domain.Tests.Roster;

using SecBot.Domain.Roster;

public class RosterLookupTests
{
    private readonly Roster _roster = SeedRoster.Build();

    [Fact]
    public void A_person_is_found_by_id_whatever_the_case()
    {
        Assert.Equal("Maya", _roster.PersonById("MAYA")?.Name);
    }

    [Fact]
    public void A_person_is_found_by_slack_user_id()
    {
        Assert.Equal("maya", _roster.PersonBySlackUserId("U0MAYA0001")?.Id);
    }

    [Fact]
    public void A_person_is_found_by_teams_user_id_whatever_the_case_of_the_guid()
    {
        Assert.Equal("maya", _roster.PersonByTeamsUserId(SeedRoster.MayaTeamsId.ToUpperInvariant())?.Id);
    }

    [Fact]
    public void A_person_is_found_by_email_ignoring_case_and_surrounding_spaces()
    {
        Assert.Equal("maya", _roster.PersonByEmail(" Maya@Example.COM ")?.Id);
    }

    [Fact]
    public void Unknown_or_empty_identities_find_nobody()
    {
        Assert.Null(_roster.PersonBySlackUserId("U0NOBODY"));
        Assert.Null(_roster.PersonBySlackUserId(""));
        Assert.Null(_roster.PersonByTeamsUserId(""));
        Assert.Null(_roster.PersonByEmail("nobody@example.com"));
        Assert.Null(_roster.PersonById("nobody"));
    }

    [Fact]
    public void People_without_a_chat_identity_are_not_matched_by_an_empty_one()
    {
        var options = SeedRoster.Options();
        options.People.ForEach(person => person.SlackUserId = "");
        var roster = Roster.From(options);

        Assert.Null(roster.PersonBySlackUserId(""));
        Assert.Equal("maya", roster.PersonByEmail("maya@example.com")?.Id);
    }

    [Fact]
    public void A_role_belongs_to_its_team_and_is_managed_by_the_team_manager_role()
    {
        Assert.Equal("SecOps", _roster.TeamOf("SocEngineer")?.Id);
        Assert.Equal("SecOpsManager", _roster.ManagerRoleFor("SocEngineer"));
        Assert.Equal("SecEngManager", _roster.ManagerRoleFor("SecurityArchitect"));
    }

    [Fact]
    public void A_role_outside_the_org_or_unknown_has_no_team_and_no_manager()
    {
        Assert.Null(_roster.TeamOf("Executive"));
        Assert.Null(_roster.ManagerRoleFor("Executive"));
        Assert.Null(_roster.ManagerRoleFor("SecOpsManager"));
        Assert.Null(_roster.TeamOf("NoSuchRole"));
    }

    [Fact]
    public void A_role_paged_through_a_rotation_finds_that_rotation()
    {
        Assert.Equal("l1", _roster.RotationForRole("SocEngineer")?.Id);
        Assert.Null(_roster.RotationForRole("SeniorSocEngineer"));
    }
}
