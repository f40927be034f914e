using SecBot.Domain.Policy;

namespace SecBot.Domain.Tests.Policy;

public sealed class EscalationValidationTests
{
    private readonly PolicyOptions _policy = ValidPolicy.Create();

    private EscalationOptions Escalation => _policy.Escalation;

    [Fact]
    public void Policy_without_escalation_levels_is_refused()
    {
        Escalation.Levels.Clear();
        Escalation.IncidentTypes.Clear();
        PolicyAssert.HasProblem(_policy, "SecBot:Escalation:Levels", "at least one escalation level is needed");
    }

    [Fact]
    public void Duplicate_level_name_is_refused()
    {
        Escalation.Levels[1].Name = "L1";
        PolicyAssert.HasProblem(_policy, "SecBot:Escalation:Levels:1:Name", "duplicate level name 'L1'");
    }

    [Fact]
    public void Level_alias_that_is_another_levels_name_is_refused()
    {
        Escalation.Levels[2].Aliases = ["EXEC", "L2"];
        PolicyAssert.HasProblem(_policy, "SecBot:Escalation:Levels:2:Aliases:1", "duplicate level name 'L2'");
    }

    [Fact]
    public void Level_without_a_name_is_refused()
    {
        Escalation.Levels[1].Name = "";
        PolicyAssert.HasProblem(_policy, "SecBot:Escalation:Levels:1:Name", "must not be empty");
    }

    [Theory]
    [InlineData(0)]
    [InlineData(-5)]
    public void Level_ack_timeout_that_is_not_positive_is_refused(int minutes)
    {
        Escalation.Levels[1].AckTimeout = TimeSpan.FromMinutes(minutes);
        PolicyAssert.HasProblem(_policy, "SecBot:Escalation:Levels:1:AckTimeout", "must be a positive duration");
    }

    [Fact]
    public void Negative_repage_count_is_refused()
    {
        Escalation.Repages = -1;
        PolicyAssert.HasProblem(_policy, "SecBot:Escalation:Repages", "must be 0 or more");
    }

    [Fact]
    public void Zero_repages_is_accepted()
    {
        Escalation.Repages = 0;
        PolicyAssert.IsValid(_policy);
    }

    [Theory]
    [InlineData("Lead")]
    [InlineData("team:Lead")]
    [InlineData("role:")]
    public void Page_target_that_does_not_parse_is_refused(string target)
    {
        Escalation.Levels[1].Page = ["role:Lead", target];
        PolicyAssert.HasProblem(_policy, "SecBot:Escalation:Levels:1:Page:1", $"'{target}' is not a page target");
    }

    [Fact]
    public void Page_target_naming_an_unknown_role_is_refused()
    {
        Escalation.Levels[1].Page = ["role:Lead", "role:Janitor"];
        PolicyAssert.HasProblem(_policy, "SecBot:Escalation:Levels:1:Page:1", "unknown role 'Janitor'");
    }

    [Fact]
    public void Page_target_naming_an_unknown_rotation_is_refused()
    {
        Escalation.Levels[0].Page = ["rotation:night"];
        PolicyAssert.HasProblem(_policy, "SecBot:Escalation:Levels:0:Page:0", "no rotation with id 'night'");
    }

    [Fact]
    public void Level_with_no_page_targets_pages_nobody()
    {
        Escalation.Levels[1].Page.Clear();
        PolicyAssert.HasProblem(_policy, "SecBot:Escalation:Levels:1:Page", "pages nobody (no page targets)");
    }

    [Fact]
    public void Level_paging_only_a_role_nobody_holds_pages_nobody()
    {
        _policy.Roster.Roles.Add(new RoleOptions { Id = "Researcher", Team = "Ops" });
        Escalation.Levels[1].Page = ["role:Researcher"];
        PolicyAssert.HasProblem(_policy, "SecBot:Escalation:Levels:1:Page", "pages nobody (nobody holds role 'Researcher' now or in any assignment)");
    }

    [Fact]
    public void Level_paging_a_rotation_without_members_pages_nobody()
    {
        _policy.Roster.Rotations[0].Members.Clear();
        PolicyAssert.HasProblem(_policy, "SecBot:Escalation:Levels:0:Page", "pages nobody (rotation 'day' has no member on the roster)");
    }

    [Fact]
    public void Level_paging_a_role_whose_rotation_has_no_members_pages_nobody()
    {
        _policy.Roster.Rotations[0].Members = ["zed"];
        Escalation.Levels[1].Page = ["role:Analyst"];
        PolicyAssert.HasProblem(_policy, "SecBot:Escalation:Levels:1:Page", "role 'Analyst' is paged through rotation 'day', which has no member on the roster");
    }

    [Fact]
    public void Level_reaching_someone_through_one_of_its_targets_is_accepted()
    {
        _policy.Roster.Roles.Add(new RoleOptions { Id = "Researcher", Team = "Ops" });
        Escalation.Levels[1].Page = ["role:Researcher", "role:Lead"];
        PolicyAssert.IsValid(_policy);
    }

    [Fact]
    public void Role_held_only_through_a_dated_assignment_counts_as_reachable()
    {
        _policy.Roster.Roles.Add(new RoleOptions { Id = "Researcher", Team = "Ops" });
        _policy.Roster.People[2].Assignments = [new AssignmentOptions { Role = "Researcher", From = new DateOnly(2026, 7, 1) }];
        Escalation.Levels[1].Page = ["role:Researcher"];
        PolicyAssert.IsValid(_policy);
    }

    [Fact]
    public void Level_escalate_role_that_is_unknown_is_refused()
    {
        Escalation.Levels[2].EscalateRoles = ["OpsManager", "Cfo"];
        PolicyAssert.HasProblem(_policy, "SecBot:Escalation:Levels:2:EscalateRoles:1", "unknown role 'Cfo'");
    }

    [Fact]
    public void An_unknown_role_that_may_acknowledge_is_refused_wherever_it_is_named()
    {
        Escalation.MayAcknowledge = ["OpsManager", "Cfo"];
        Escalation.Levels[1].MayAcknowledge = ["Intern"];
        Escalation.IncidentTypes[1].MayAcknowledge = ["Lead", "Auditor"];

        PolicyAssert.HasProblem(_policy, "SecBot:Escalation:MayAcknowledge:1", "unknown role 'Cfo'");
        PolicyAssert.HasProblem(_policy, "SecBot:Escalation:Levels:1:MayAcknowledge:0", "unknown role 'Intern'");
        PolicyAssert.HasProblem(_policy, "SecBot:Escalation:IncidentTypes:1:MayAcknowledge:1", "unknown role 'Auditor'");
        Assert.Equal(3, PolicyValidator.Validate(_policy).Count);
    }

    [Fact]
    public void Known_roles_that_may_acknowledge_are_accepted()
    {
        Escalation.MayAcknowledge = ["OpsManager"];
        Escalation.Levels[0].MayAcknowledge = ["Lead"];
        Escalation.IncidentTypes[0].MayAcknowledge = ["Analyst"];
        PolicyAssert.IsValid(_policy);
    }

    [Fact]
    public void Duplicate_incident_type_id_is_refused()
    {
        Escalation.IncidentTypes[1].Id = "general";
        PolicyAssert.HasProblem(_policy, "SecBot:Escalation:IncidentTypes:1:Id", "duplicate incident type id 'general'");
    }

    [Fact]
    public void Incident_type_starting_at_an_unknown_level_is_refused()
    {
        Escalation.IncidentTypes[0].StartLevel = "L9";
        PolicyAssert.HasProblem(_policy, "SecBot:Escalation:IncidentTypes:0:StartLevel", "no escalation level named 'L9'");
    }

    [Fact]
    public void Incident_type_may_name_its_start_level_by_alias()
    {
        Escalation.IncidentTypes[0].StartLevel = "EXEC";
        PolicyAssert.IsValid(_policy);
    }

    [Fact]
    public void Incident_type_pages_for_an_unknown_level_are_refused()
    {
        Escalation.IncidentTypes[1].Pages["L7"] = ["role:Lead"];
        PolicyAssert.HasProblem(_policy, "SecBot:Escalation:IncidentTypes:1:Pages:L7", "no escalation level named 'L7'");
    }

    [Fact]
    public void Incident_type_page_target_naming_an_unknown_role_is_refused()
    {
        Escalation.IncidentTypes[1].Pages["L1"] = ["role:Lead", "role:Ghost"];
        PolicyAssert.HasProblem(_policy, "SecBot:Escalation:IncidentTypes:1:Pages:L1:1", "unknown role 'Ghost'");
    }

    [Fact]
    public void Incident_type_pages_that_reach_nobody_are_refused()
    {
        Escalation.IncidentTypes[1].Pages["L1"] = [];
        PolicyAssert.HasProblem(_policy, "SecBot:Escalation:IncidentTypes:1:Pages:L1", "pages nobody (no page targets)");
    }

    [Fact]
    public void Incident_type_lead_role_that_is_unknown_is_refused()
    {
        Escalation.IncidentTypes[1].LeadRole = "Captain";
        PolicyAssert.HasProblem(_policy, "SecBot:Escalation:IncidentTypes:1:LeadRole", "unknown role 'Captain'");
    }

    [Fact]
    public void Incident_type_opening_an_unknown_gate_type_on_resolve_is_refused()
    {
        Escalation.IncidentTypes[1].OnResolveGate = "retro";
        PolicyAssert.HasProblem(_policy, "SecBot:Escalation:IncidentTypes:1:OnResolveGate", "no gate type with id 'retro'");
    }
}
