using Microsoft.Extensions.Configuration;
using SecBot.Domain.Policy;

namespace SecBot.Domain.Tests.Policy;

public sealed class RosterValidationTests
{
    private readonly PolicyOptions _policy = ValidPolicy.Create();

    private RosterOptions Roster => _policy.Roster;

    [Fact]
    public void The_small_valid_policy_has_no_problems() => PolicyAssert.IsValid(_policy);

    [Fact]
    public void Roster_without_people_is_refused()
    {
        Roster.People.Clear();
        PolicyAssert.HasProblem(_policy, "SecBot:Roster:People", "the roster has no people");
    }

    [Fact]
    public void Roster_time_zone_that_is_not_an_iana_zone_is_refused()
    {
        Roster.TimeZone = "Mars/Base";
        PolicyAssert.HasProblem(_policy, "SecBot:Roster:TimeZone", "unknown IANA time zone 'Mars/Base'");
    }

    [Fact]
    public void Duplicate_person_id_is_refused_with_the_duplicates_key_path()
    {
        Roster.People[3].Id = "ann";
        PolicyAssert.HasProblem(_policy, "SecBot:Roster:People:3:Id", "duplicate person id 'ann'");
    }

    [Fact]
    public void Person_ids_differing_only_in_letter_case_are_duplicates()
    {
        Roster.People[1].Id = "ANN";
        PolicyAssert.HasProblem(_policy, "SecBot:Roster:People:1:Id", "duplicate person id 'ANN'");
    }

    [Fact]
    public void Empty_person_id_is_refused()
    {
        Roster.People[2].Id = " ";
        PolicyAssert.HasProblem(_policy, "SecBot:Roster:People:2:Id", "person id must not be empty");
    }

    [Fact]
    public void Person_id_with_a_space_is_refused_because_ids_are_typed_in_commands()
    {
        Roster.People[0].Id = "ann smith";
        PolicyAssert.HasProblem(_policy, "SecBot:Roster:People:0:Id", "must not contain spaces");
    }

    [Fact]
    public void Person_holding_an_unknown_role_is_refused_with_its_key_path()
    {
        Roster.People[3].Roles = ["OpsManager", "Foo"];
        PolicyAssert.HasProblem(_policy, "SecBot:Roster:People:3:Roles:1", "unknown role 'Foo'");
    }

    [Fact]
    public void Role_reference_differing_only_in_letter_case_is_refused_with_a_hint()
    {
        Roster.People[0].Roles = ["analyst"];
        PolicyAssert.HasProblem(_policy, "SecBot:Roster:People:0:Roles:0", "unknown role 'analyst' (ids are case-sensitive: did you mean 'Analyst'?)");
    }

    [Fact]
    public void Person_with_no_roles_and_no_assignments_is_refused()
    {
        Roster.People[2].Roles.Clear();
        PolicyAssert.HasProblem(_policy, "SecBot:Roster:People:2:Roles", "person 'cat' holds no role and has no assignments");
    }

    [Fact]
    public void Person_whose_roles_come_only_from_dated_assignments_is_accepted()
    {
        Roster.People[2].Roles.Clear();
        Roster.People[2].Assignments = [new AssignmentOptions { Role = "Lead", From = new DateOnly(2025, 7, 1) }];
        PolicyAssert.IsValid(_policy);
    }

    [Fact]
    public void Assignment_of_an_unknown_role_is_refused()
    {
        Roster.People[1].Assignments = [new AssignmentOptions { Role = "Astronaut", From = new DateOnly(2025, 7, 1) }];
        PolicyAssert.HasProblem(_policy, "SecBot:Roster:People:1:Assignments:0:Role", "unknown role 'Astronaut'");
    }

    [Fact]
    public void Assignment_that_ends_before_it_starts_is_refused()
    {
        Roster.People[1].Assignments =
        [
            new AssignmentOptions { Role = "Lead", From = new DateOnly(2025, 7, 1), To = new DateOnly(2025, 12, 31) },
            new AssignmentOptions { Role = "Lead", From = new DateOnly(2026, 6, 30), To = new DateOnly(2026, 1, 1) },
        ];
        PolicyAssert.HasProblem(_policy, "SecBot:Roster:People:1:Assignments:1:To", "ends (2026-01-01) before it starts (2026-06-30)");
    }

    [Fact]
    public void Assignment_of_a_single_day_is_accepted()
    {
        Roster.People[1].Assignments = [new AssignmentOptions { Role = "Lead", From = new DateOnly(2026, 1, 1), To = new DateOnly(2026, 1, 1) }];
        PolicyAssert.IsValid(_policy);
    }

    [Fact]
    public void Two_people_with_one_slack_user_id_are_refused()
    {
        Roster.People[4].SlackUserId = Roster.People[1].SlackUserId;
        PolicyAssert.HasProblem(_policy, "SecBot:Roster:People:4:SlackUserId", "is already used by person 'bob'");
    }

    [Fact]
    public void Two_people_with_one_teams_user_id_are_refused()
    {
        Roster.People[2].TeamsUserId = Roster.People[0].TeamsUserId;
        PolicyAssert.HasProblem(_policy, "SecBot:Roster:People:2:TeamsUserId", "is already used by person 'ann'");
    }

    [Fact]
    public void People_without_chat_identities_yet_are_accepted()
    {
        foreach (var person in Roster.People)
        {
            person.SlackUserId = "";
            person.TeamsUserId = "";
            person.Email = "";
        }

        PolicyAssert.IsValid(_policy);
    }

    [Fact]
    public void Duplicate_role_id_is_refused()
    {
        Roster.Roles.Add(new RoleOptions { Id = "Lead", Name = "Another lead" });
        PolicyAssert.HasProblem(_policy, "SecBot:Roster:Roles:4:Id", "duplicate role id 'Lead'");
    }

    [Fact]
    public void Role_in_an_unknown_team_is_refused()
    {
        Roster.Roles[1].Team = "Marketing";
        PolicyAssert.HasProblem(_policy, "SecBot:Roster:Roles:1:Team", "no team with id 'Marketing'");
    }

    [Fact]
    public void Duplicate_team_id_is_refused()
    {
        Roster.Teams.Add(new TeamOptions { Id = "Ops", ManagerRole = "OpsManager" });
        PolicyAssert.HasProblem(_policy, "SecBot:Roster:Teams:1:Id", "duplicate team id 'Ops'");
    }

    [Fact]
    public void Team_whose_manager_role_is_unknown_is_refused()
    {
        Roster.Teams[0].ManagerRole = "Boss";
        PolicyAssert.HasProblem(_policy, "SecBot:Roster:Teams:0:ManagerRole", "unknown role 'Boss'");
    }

    [Fact]
    public void Team_without_a_manager_role_is_accepted()
    {
        Roster.Teams[0].ManagerRole = "";
        PolicyAssert.IsValid(_policy);
    }

    [Fact]
    public void Rotation_member_that_is_not_a_person_is_refused_with_its_key_path()
    {
        Roster.Rotations[0].Members[1] = "bobby";
        PolicyAssert.HasProblem(_policy, "SecBot:Roster:Rotations:0:Members:1", "no person with id 'bobby'");
    }

    [Fact]
    public void Rotation_without_members_is_refused()
    {
        Roster.Rotations[0].Members.Clear();
        PolicyAssert.HasProblem(_policy, "SecBot:Roster:Rotations:0:Members", "a rotation needs at least one member");
    }

    [Theory]
    [InlineData(0)]
    [InlineData(-3600)]
    public void Rotation_shift_length_that_is_not_positive_is_refused(int seconds)
    {
        Roster.Rotations[0].Length = TimeSpan.FromSeconds(seconds);
        PolicyAssert.HasProblem(_policy, "SecBot:Roster:Rotations:0:Length", "must be a positive duration");
    }

    [Fact]
    public void Rotation_shift_shorter_than_a_daylight_saving_jump_is_refused()
    {
        Roster.Rotations[0].Length = TimeSpan.FromMinutes(30);
        PolicyAssert.HasProblem(_policy, "SecBot:Roster:Rotations:0:Length", "a shift must last at least one hour");
    }

    [Fact]
    public void Rotation_time_zone_that_is_not_an_iana_zone_is_refused()
    {
        Roster.Rotations[0].TimeZone = "Mars/Base";
        PolicyAssert.HasProblem(_policy, "SecBot:Roster:Rotations:0:TimeZone", "unknown IANA time zone 'Mars/Base'");
    }

    [Fact]
    public void Rotation_time_zone_given_as_a_windows_id_is_refused()
    {
        Roster.Rotations[0].TimeZone = "GMT Standard Time";
        PolicyAssert.HasProblem(_policy, "SecBot:Roster:Rotations:0:TimeZone", "'GMT Standard Time'");
    }

    [Fact]
    public void Rotation_paging_an_unknown_role_is_refused()
    {
        Roster.Rotations[0].Role = "Analysts";
        PolicyAssert.HasProblem(_policy, "SecBot:Roster:Rotations:0:Role", "unknown role 'Analysts'");
    }

    [Fact]
    public void Rotation_without_a_role_is_accepted()
    {
        Roster.Rotations[0].Role = "";
        PolicyAssert.IsValid(_policy);
    }

    [Fact]
    public void Second_rotation_claiming_the_same_role_is_refused()
    {
        Roster.Rotations.Add(new RotationOptions
        {
            Id = "night", Members = ["bob"], Start = Roster.Rotations[0].Start, TimeZone = "UTC", Role = "Analyst",
        });
        PolicyAssert.HasProblem(_policy, "SecBot:Roster:Rotations:1:Role", "role 'Analyst' is already paged through rotation 'day'");
    }

    [Fact]
    public void Duplicate_rotation_id_is_refused()
    {
        Roster.Rotations.Add(new RotationOptions { Id = "day", Members = ["bob"], Start = Roster.Rotations[0].Start, TimeZone = "UTC" });
        PolicyAssert.HasProblem(_policy, "SecBot:Roster:Rotations:1:Id", "duplicate rotation id 'day'");
    }

    [Fact]
    public void Rotation_without_a_start_is_refused()
    {
        Roster.Rotations[0].Start = default;
        PolicyAssert.HasProblem(_policy, "SecBot:Roster:Rotations:0:Start", "missing");
    }

    [Theory]
    [InlineData("2026-01-05T09:00Z")]
    [InlineData("2026-01-05T09:00+01:00")]
    public void Rotation_start_bound_with_a_utc_offset_is_refused(string start)
    {
        var policy = Bind(new Dictionary<string, string?>
        {
            ["SecBot:Roster:Rotations:0:Id"] = "day",
            ["SecBot:Roster:Rotations:0:Start"] = start,
        });

        PolicyAssert.HasProblem(policy, "SecBot:Roster:Rotations:0:Start", "without 'Z' or a UTC offset");
    }

    [Fact]
    public void Rotation_start_bound_as_local_wall_clock_time_is_accepted()
    {
        var policy = Bind(new Dictionary<string, string?> { ["SecBot:Roster:Rotations:0:Start"] = "2026-01-05T09:00" });

        Assert.Equal(DateTimeKind.Unspecified, policy.Roster.Rotations[0].Start.Kind);
        Assert.DoesNotContain(PolicyValidator.Validate(policy), problem => problem.StartsWith("SecBot:Roster:Rotations:0:Start", StringComparison.Ordinal));
    }

    private static PolicyOptions Bind(Dictionary<string, string?> settings)
    {
        var policy = new PolicyOptions();
        new ConfigurationBuilder().AddInMemoryCollection(settings).Build().GetSection(PolicyOptions.SectionName).Bind(policy);
        return policy;
    }
}
