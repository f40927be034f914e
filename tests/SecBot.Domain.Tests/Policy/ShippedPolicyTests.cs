using Microsoft.Extensions.Configuration;
using SecBot.Domain.Policy;

namespace SecBot.Domain.Tests.Policy;

/// <summary>The top-level appsettings.json carries the whole default policy of spec/policy.md.</summary>
public sealed class ShippedPolicyTests
{
    private static readonly string[] BoxRoles =
    [
        "SeniorSocEngineer", "SocEngineer", "IncidentResponseLead", "CloudSecurityEngineer",
        "SeniorRedTeamEngineer", "RedTeamEngineer", "SecurityArchitect", "SecurityToolEngineer",
        "SecOpsManager", "SecEngManager",
    ];

    private readonly PolicyOptions _policy = ShippedConfiguration.LoadPolicy();

    [Fact]
    public void Shipped_policy_binds_and_has_no_problems() => Assert.Empty(PolicyValidator.Validate(_policy));

    [Theory]
    [InlineData("Roster")]
    [InlineData("Escalation")]
    [InlineData("Reviews")]
    public void Shipped_policy_has_no_key_the_options_do_not_know(string section)
    {
        var configuration = ShippedConfiguration.Load().GetSection(PolicyOptions.SectionName).GetSection(section);
        object target = section switch
        {
            "Roster" => new RosterOptions(),
            "Escalation" => new EscalationOptions(),
            _ => new ReviewOptions(),
        };

        var exception = Record.Exception(() => configuration.Bind(target, binder => binder.ErrorOnUnknownConfiguration = true));

        Assert.Null(exception);
    }

    [Theory]
    [InlineData("SecBot:Database:Path", "data/secbot.db")]
    [InlineData("SecBot:Slack:SigningSecret", "")]
    [InlineData("SecBot:Slack:BotToken", "")]
    [InlineData("SecBot:Slack:ApiBaseUrl", "https://slack.com/api/")]
    [InlineData("SecBot:Slack:IncidentsChannel", "")]
    [InlineData("SecBot:Teams:AppId", "")]
    [InlineData("SecBot:Teams:AppPassword", "")]
    [InlineData("SecBot:Teams:TenantId", "")]
    [InlineData("SecBot:Teams:ServiceUrl", "https://smba.trafficmanager.net/teams/")]
    [InlineData("SecBot:Teams:OpenIdMetadataUrl", "https://login.botframework.com/v1/.well-known/openidconfiguration")]
    [InlineData("SecBot:Teams:TokenEndpoint", "https://login.microsoftonline.com/botframework.com/oauth2/v2.0/token")]
    [InlineData("SecBot:Delivery:RetryFor", "01:00:00")]
    [InlineData("Logging:LogLevel:Default", "Information")]
    [InlineData("Logging:LogLevel:Microsoft.AspNetCore", "Warning")]
    public void Shipped_settings_have_the_contract_defaults(string key, string expected) =>
        Assert.Equal(expected, ShippedConfiguration.Load()[key]);

    [Fact]
    public void Shipped_roster_has_ten_people_one_per_box_plus_the_executive()
    {
        var people = _policy.Roster.People;

        Assert.Equal(11, people.Count);
        Assert.Equal(BoxRoles.Order(StringComparer.Ordinal), people.SelectMany(p => p.Roles).Where(r => r != "Executive").Order(StringComparer.Ordinal));
        Assert.Single(people, p => p.Roles.SequenceEqual(["Executive"]));
        Assert.All(people, p => Assert.Single(p.Roles));
        Assert.All(people, p => Assert.Equal(p.Id.ToLowerInvariant(), p.Id));
        Assert.All(people, p => Assert.EndsWith("@example.com", p.Email, StringComparison.Ordinal));
        Assert.All(people, p => Assert.True(Guid.TryParse(p.TeamsUserId, out _), $"{p.Id}'s TeamsUserId is not a GUID"));
    }

    [Fact]
    public void Shipped_roles_are_the_thirteen_of_policy_md_with_their_teams()
    {
        var teamOf = _policy.Roster.Roles.ToDictionary(role => role.Id, role => role.Team);

        Assert.Equal(13, teamOf.Count);
        Assert.Equal("SecOps", teamOf["VulnerabilityManagementEngineer"]);
        Assert.Equal("SecEng", teamOf["SecurityResearcher"]);
        Assert.Equal("Leadership", teamOf["SecOpsManager"]);
        Assert.Equal("Leadership", teamOf["SecEngManager"]);
        Assert.Equal("", teamOf["Executive"]);
        Assert.All(["SocEngineer", "SeniorSocEngineer", "IncidentResponseLead", "CloudSecurityEngineer"], role => Assert.Equal("SecOps", teamOf[role]));
        Assert.All(["SeniorRedTeamEngineer", "RedTeamEngineer", "SecurityArchitect", "SecurityToolEngineer"], role => Assert.Equal("SecEng", teamOf[role]));
    }

    [Theory]
    [InlineData("SecOps", "SecOpsManager")]
    [InlineData("SecEng", "SecEngManager")]
    [InlineData("Leadership", "SecOpsManager")]
    public void Shipped_team_is_managed_by(string teamId, string managerRole) =>
        Assert.Equal(managerRole, _policy.Roster.Teams.Single(team => team.Id == teamId).ManagerRole);

    [Fact]
    public void Shipped_roster_shows_a_six_month_swap_between_secops_and_seceng()
    {
        var teamOf = _policy.Roster.Roles.ToDictionary(role => role.Id, role => role.Team);

        var swapped = _policy.Roster.People.Where(person => person.Assignments.Any(assignment =>
            teamOf[assignment.Role] != teamOf[person.Roles[0]]
            && assignment.To is { } to
            && assignment.From.AddMonths(6) == to.AddDays(1)));

        Assert.NotEmpty(swapped);
    }

    [Fact]
    public void Shipped_l1_rotation_is_the_weekly_soc_rotation_handing_off_monday_0900_london()
    {
        var rotation = Assert.Single(_policy.Roster.Rotations);
        var members = rotation.Members.Select(id => _policy.Roster.People.Single(person => person.Id == id).Roles.Single());

        Assert.Equal("l1", rotation.Id);
        Assert.Equal("L1 24/7 rotation", rotation.Name);
        Assert.Equal(["SeniorSocEngineer", "SocEngineer"], members);
        Assert.Equal(new DateTime(2026, 1, 5, 9, 0, 0, DateTimeKind.Unspecified), rotation.Start);
        Assert.Equal(DayOfWeek.Monday, rotation.Start.DayOfWeek);
        Assert.Equal(TimeSpan.FromDays(7), rotation.Length);
        Assert.Equal("Europe/London", rotation.TimeZone);
        Assert.Equal("SocEngineer", rotation.Role);
    }

    [Fact]
    public void Shipped_escalation_levels_page_as_policy_md_says()
    {
        var levels = _policy.Escalation.Levels;

        Assert.Equal(["L1", "L2", "L3", "Executive"], levels.Select(level => level.Name));
        Assert.Equal(["rotation:l1"], levels[0].Page);
        Assert.Equal(["role:SeniorSocEngineer", "role:IncidentResponseLead"], levels[1].Page);
        Assert.Equal(["role:SecOpsManager", "role:SecEngManager"], levels[2].Page);
        Assert.Equal(["role:Executive"], levels[3].Page);
        Assert.Equal(["EXEC"], levels[3].Aliases);
        Assert.True(levels[3].NotifyOnly);
        Assert.True(levels[3].ManualOnly);
        Assert.Equal(["SecOpsManager", "SecEngManager"], levels[3].EscalateRoles);
        Assert.All(levels, level => Assert.Equal(TimeSpan.FromMinutes(10), level.AckTimeout));
        Assert.Equal(1, _policy.Escalation.Repages);
        Assert.Equal(["SecOpsManager", "SecEngManager"], _policy.Escalation.MayAcknowledge);
    }

    [Fact]
    public void Shipped_incident_types_are_general_customer_and_aws()
    {
        var types = _policy.Escalation.IncidentTypes.ToDictionary(type => type.Id);

        Assert.Equal(["general", "customer", "aws"], _policy.Escalation.IncidentTypes.Select(type => type.Id));
        Assert.Equal("L1", types["general"].StartLevel);
        Assert.Empty(types["general"].Pages);
        Assert.Equal("", types["general"].OnResolveGate);

        Assert.Equal("L3", types["customer"].StartLevel);
        Assert.Equal(["role:SecOpsManager"], types["customer"].Pages["L3"]);
        Assert.Equal("IncidentResponseLead", types["customer"].LeadRole);
        Assert.Equal("incident-postmortem", types["customer"].OnResolveGate);

        Assert.Equal("L1", types["aws"].StartLevel);
        Assert.Equal(["role:CloudSecurityEngineer"], types["aws"].Pages["L1"]);
        Assert.Equal(["role:SeniorSocEngineer"], types["aws"].Pages["L2"]);
        Assert.Equal("runbook-update", types["aws"].OnResolveGate);
    }

    [Theory]
    [InlineData("SecArch", new[] { "SecurityArchitect" })]
    [InlineData("RedTeam", new[] { "RedTeamEngineer", "SeniorRedTeamEngineer" })]
    [InlineData("SOC", new[] { "SocEngineer", "SeniorSocEngineer" })]
    [InlineData("IRLead", new[] { "IncidentResponseLead" })]
    [InlineData("SeniorRedTeam", new[] { "SeniorRedTeamEngineer" })]
    [InlineData("SecEngMgr", new[] { "SecEngManager" })]
    public void Shipped_seat_is_the_role_group_of_policy_md(string seatId, string[] roles) =>
        Assert.Equal(roles, _policy.Reviews.Seats.Single(seat => seat.Id == seatId).Roles);

    [Theory]
    [InlineData("new-microservice", "SecArch", 'R')]
    [InlineData("new-microservice", "RedTeam", 'R')]
    [InlineData("new-microservice", "SOC", 'R')]
    [InlineData("new-microservice", "IRLead", 'R')]
    [InlineData("high-risk-deploy", "SecArch", 'R')]
    [InlineData("high-risk-deploy", "RedTeam", 'R')]
    [InlineData("high-risk-deploy", "SOC", 'R')]
    [InlineData("high-risk-deploy", "IRLead", 'R')]
    [InlineData("security-tool", "SecArch", 'R')]
    [InlineData("security-tool", "RedTeam", 'O')]
    [InlineData("security-tool", "SOC", 'R')]
    [InlineData("security-tool", "IRLead", 'O')]
    [InlineData("threat-model", "SecArch", 'R')]
    [InlineData("threat-model", "RedTeam", 'R')]
    [InlineData("threat-model", "SOC", 'O')]
    [InlineData("threat-model", "IRLead", 'R')]
    [InlineData("incident-postmortem", "SecArch", 'O')]
    [InlineData("incident-postmortem", "RedTeam", 'R')]
    [InlineData("incident-postmortem", "SOC", 'R')]
    [InlineData("incident-postmortem", "IRLead", 'R')]
    [InlineData("detection-rules", "SecArch", 'O')]
    [InlineData("detection-rules", "RedTeam", 'R')]
    [InlineData("detection-rules", "SOC", 'R')]
    [InlineData("detection-rules", "IRLead", 'O')]
    public void Shipped_approval_matrix_is_policy_md_exactly(string gateTypeId, string seatId, char requiredOrOptional)
    {
        var stages = GateType(gateTypeId).Stages;
        var required = stages.Any(stage => stage.Required.Contains(seatId));
        var optional = stages.Any(stage => stage.Optional.Contains(seatId));

        Assert.Equal(requiredOrOptional == 'R', required);
        Assert.Equal(requiredOrOptional == 'O', optional);
    }

    [Theory]
    [InlineData("new-microservice")]
    [InlineData("high-risk-deploy")]
    [InlineData("security-tool")]
    [InlineData("threat-model")]
    [InlineData("incident-postmortem")]
    [InlineData("detection-rules")]
    public void Shipped_matrix_gate_type_uses_only_the_four_matrix_seats(string gateTypeId)
    {
        var seats = GateType(gateTypeId).Stages.SelectMany(stage => stage.Required.Concat(stage.Optional)).Distinct();

        Assert.Equal(["IRLead", "RedTeam", "SOC", "SecArch"], seats.Order(StringComparer.Ordinal));
    }

    [Fact]
    public void Shipped_gate_types_are_the_eight_of_policy_md()
    {
        Assert.Equal(
            ["new-microservice", "high-risk-deploy", "security-tool", "threat-model", "incident-postmortem", "detection-rules", "runbook-update", "tool-request"],
            _policy.Reviews.GateTypes.Select(gateType => gateType.Id));
        Assert.All(_policy.Reviews.GateTypes.Where(gateType => gateType.Id != "new-microservice"), gateType => Assert.Single(gateType.Stages));
    }

    [Fact]
    public void Shipped_new_microservice_gate_runs_its_four_stages_in_order()
    {
        var gateType = GateType("new-microservice");

        Assert.Equal(
            ["Threat model & design review", "Cross-team peer review", "Red team validation", "SOC readiness check"],
            gateType.Stages.Select(stage => stage.Name));
        Assert.Equal(["SecArch"], gateType.Stages[0].Required);
        Assert.Equal(["SecArch", "IRLead"], gateType.Stages[1].Required);
        Assert.Equal(["RedTeam"], gateType.Stages[2].Required);
        Assert.Equal(["SOC"], gateType.Stages[3].Required);
        Assert.Equal("Deployment approved", gateType.ApprovedOutcome);
    }

    [Fact]
    public void Shipped_checklists_are_those_of_policy_md()
    {
        Assert.Equal(["Security controls", "Monitoring coverage", "Incident response"], GateType("high-risk-deploy").Checklist);
        Assert.Equal(["Security", "Operations", "Maintenance"], GateType("security-tool").Checklist);
        Assert.All(
            _policy.Reviews.GateTypes.Where(gateType => gateType.Id is not "high-risk-deploy" and not "security-tool"),
            gateType => Assert.Empty(gateType.Checklist));
    }

    [Fact]
    public void Shipped_runbook_update_needs_the_senior_red_team_engineer_and_soc()
    {
        var stage = Assert.Single(GateType("runbook-update").Stages);

        Assert.Equal(["SeniorRedTeam", "SOC"], stage.Required);
        Assert.Empty(stage.Optional);
    }

    [Fact]
    public void Shipped_tool_request_needs_the_seceng_manager_and_hands_over_to_the_tool_engineer()
    {
        var gateType = GateType("tool-request");
        var stage = Assert.Single(gateType.Stages);

        Assert.Equal(["SecEngMgr"], stage.Required);
        Assert.Empty(stage.Optional);
        Assert.Equal("SecurityToolEngineer", gateType.OwnerRoleOnApproval);
    }

    [Fact]
    public void Shipped_review_delays_are_a_day_for_reminders_and_three_for_the_manager()
    {
        Assert.Equal(TimeSpan.FromDays(1), _policy.Reviews.ReminderAfter);
        Assert.Equal(TimeSpan.FromDays(3), _policy.Reviews.ManagerNoticeAfter);
    }

    private GateTypeOptions GateType(string id) => _policy.Reviews.GateTypes.Single(gateType => gateType.Id == id);
}
