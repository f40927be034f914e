namespace SecBot.Domain.Tests.Incidents;

using SecBot.Domain.Incidents;
using static SecBot.Domain.Tests.Incidents.ScenarioPolicy;

/// <summary>
/// Who may stop an incident's escalation (acknowledge) or close it (resolve): the people paged on it so far, its lead,
/// and the <c>MayAcknowledge</c> roles (the scenario policy, like the shipped one: the SecOps and SecEng managers).
/// Anyone else may follow it and escalate it.
/// </summary>
public class ResponderTests
{
    [Fact]
    public void Someone_never_paged_cannot_acknowledge_and_is_told_who_can_while_nothing_changes()
    {
        var scenario = new EscalationScenario(SamWeek);
        scenario.Declare();
        var paged = Assert.Single(scenario.PagedAt("L1"));
        var before = scenario.Incident;

        var outcome = scenario.Acknowledge(Leo);

        Assert.True(outcome.IsRefused);
        Assert.Equal(
            $"You were not paged on INC-1, so you may not acknowledge it: only the people paged on it ({scenario.Roster.PersonById(paged)!.Name}) "
            + "or a SecOpsManager or SecEngManager may. You can follow it with status INC-1, or bring in more help with escalate INC-1 [reason].",
            outcome.Refusal);
        Assert.Same(before, scenario.Incident);
        Assert.Single(scenario.Decisions);
    }

    [Fact]
    public void Someone_never_paged_cannot_resolve_even_with_a_summary_and_the_escalation_goes_on()
    {
        var scenario = new EscalationScenario(SamWeek);
        scenario.Declare();

        var outcome = scenario.Resolve(Leo, "false positive");
        scenario.AdvanceAndFireDueTimers(2 * AckTimeout);

        Assert.True(outcome.IsRefused);
        Assert.StartsWith("You were not paged on INC-1, so you may not resolve it", outcome.Refusal, StringComparison.Ordinal);
        Assert.True(scenario.Incident.IsOpen);
        Assert.Equal("L2", scenario.Incident.Level);
    }

    [Fact]
    public void The_person_paged_acknowledges_and_becomes_lead_and_the_timeline_says_who()
    {
        var scenario = new EscalationScenario(SamWeek);
        scenario.Declare();
        var paged = Assert.Single(scenario.PagedAt("L1"));

        var decision = scenario.Acknowledge(paged).Value!;

        Assert.Equal(paged, decision.Incident.LeadPersonId);
        var acknowledged = Assert.Single(decision.Events);
        Assert.Equal(paged, acknowledged.Actor);
        Assert.Equal($"acknowledged by {scenario.Roster.PersonById(paged)!.Name} at L1; automatic escalation of L1 stopped", acknowledged.Detail);
    }

    [Fact]
    public void The_resolved_timeline_row_says_who_resolved_it()
    {
        var scenario = new EscalationScenario(SamWeek);
        scenario.Declare();
        var paged = Assert.Single(scenario.PagedAt("L1"));

        var resolved = Assert.Single(scenario.Resolve(paged, "blocked the IP").Value!.Events);

        Assert.Equal($"resolved by {scenario.Roster.PersonById(paged)!.Name}: blocked the IP", resolved.Detail);
    }

    [Theory]
    [InlineData(Olivia)]
    [InlineData(Raj)]
    public void A_SecOps_or_SecEng_manager_may_acknowledge_and_resolve_without_being_paged(string manager)
    {
        var scenario = new EscalationScenario(SamWeek);
        scenario.Declare();
        Assert.DoesNotContain(manager, scenario.Incident.PeopleOnIncident);

        Assert.False(scenario.Acknowledge(manager).IsRefused);
        Assert.False(scenario.Resolve(manager, "handled by leadership").IsRefused);
        Assert.Equal(IncidentState.Resolved, scenario.Incident.State);
    }

    [Fact]
    public void The_lead_may_resolve_without_having_been_paged()
    {
        var scenario = new EscalationScenario(SamWeek);
        scenario.Declare();
        var ledByLeo = scenario.Incident with { LeadPersonId = Leo };

        var outcome = scenario.Engine.Resolve(ledByLeo, Leo, "contained", scenario.Now);

        Assert.False(outcome.IsRefused, outcome.Refusal);
    }

    [Fact]
    public void Everyone_paged_so_far_stays_a_responder_after_an_escalation()
    {
        var scenario = new EscalationScenario(SamWeek);
        scenario.Declare();
        var pagedAtL1 = Assert.Single(scenario.PagedAt("L1"));
        scenario.AdvanceAndFireDueTimers(2 * AckTimeout);
        var pagedAtL2 = scenario.PagedAt("L2").Except([pagedAtL1]).First();

        Assert.False(scenario.Acknowledge(pagedAtL2).IsRefused);
        Assert.False(scenario.Resolve(pagedAtL1, "contained").IsRefused);
    }

    [Fact]
    public void A_notified_executive_is_told_not_asked_so_cannot_close_the_incident()
    {
        var scenario = new EscalationScenario(SamWeek);
        scenario.Declare(level: "L3");
        scenario.Escalate(Olivia, "company-wide");
        var notified = Assert.Single(scenario.Incident.Pages, p => p.Reason == PageReason.Notification).PersonId;

        var outcome = scenario.Resolve(notified, "board informed");

        Assert.True(outcome.IsRefused);
        Assert.Contains("may not resolve it", outcome.Refusal, StringComparison.Ordinal);
    }

    [Fact]
    public void Someone_never_paged_may_still_escalate_to_bring_in_more_help()
    {
        var scenario = new EscalationScenario(SamWeek);
        scenario.Declare();

        var outcome = scenario.Escalate(Leo, "I see the same logins on the lab hosts");

        Assert.False(outcome.IsRefused, outcome.Refusal);
        Assert.Equal("L2", scenario.Incident.Level);
    }

    [Fact]
    public void A_levels_MayAcknowledge_roles_may_respond_only_while_the_incident_is_at_that_level()
    {
        var policy = Options();
        policy.Escalation.Levels[0].MayAcknowledge = ["RedTeamEngineer"];
        var atL1 = new EscalationScenario(SamWeek, policy);
        atL1.Declare();
        var atL2 = new EscalationScenario(SamWeek, policy);
        atL2.Declare(level: "L2");

        Assert.False(atL1.Acknowledge(Leo).IsRefused);
        Assert.True(atL2.Acknowledge(Leo).IsRefused);
    }

    [Fact]
    public void An_incident_types_MayAcknowledge_roles_may_respond_to_incidents_of_that_type()
    {
        var policy = Options();
        policy.Escalation.IncidentTypes.Single(t => t.Id == "aws").MayAcknowledge = ["SecurityArchitect"];
        var aws = new EscalationScenario(SamWeek, policy);
        aws.Declare(type: "aws");
        var general = new EscalationScenario(SamWeek, policy);
        general.Declare();

        Assert.False(aws.Resolve(Amara, "misconfigured bucket policy reverted").IsRefused);
        Assert.True(general.Resolve(Amara, "nothing there").IsRefused);
    }
}
