namespace SecBot.Domain.Tests.Incidents;

using SecBot.Domain.Incidents;
using static SecBot.Domain.Tests.Incidents.ScenarioPolicy;

public class ManualEscalationTests
{
    [Fact]
    public void A_manual_escalation_records_who_and_why_in_the_timeline_and_pages_the_next_level()
    {
        var scenario = new EscalationScenario(SamWeek);
        scenario.Declare();
        scenario.Clock.Advance(TimeSpan.FromMinutes(4));

        var decision = scenario.Escalate(Sam, "  lateral movement to the payroll host ").Value!;

        var escalated = decision.Events[0];
        Assert.Equal((IncidentEventKinds.Escalated, Sam, scenario.Now), (escalated.Kind, escalated.Actor, escalated.At));
        Assert.Contains("L1 → L2", escalated.Detail, StringComparison.Ordinal);
        Assert.Contains("by Sam: lateral movement to the payroll host", escalated.Detail, StringComparison.Ordinal);
        Assert.Equal("L2", decision.Incident.Level);
        Assert.Equal([Maya, Priya], decision.Notices.OfType<PageNotice>().Select(n => n.Page.PersonId));
        Assert.Equal([new EscalationTimer(1, "L2", 1, scenario.Now + AckTimeout)], decision.Timers);
        Assert.Contains("lateral movement", Assert.Single(decision.Notices.OfType<ChannelNotice>()).Text, StringComparison.Ordinal);
    }

    [Fact]
    public void A_manual_escalation_makes_the_old_levels_timers_harmless()
    {
        var scenario = new EscalationScenario(SamWeek);
        scenario.Declare();
        scenario.Clock.Advance(TimeSpan.FromMinutes(4));
        scenario.Escalate(Sam, "spreading");

        scenario.AdvanceAndFireDueTimers(TimeSpan.FromMinutes(7));

        var (timer, decision) = Assert.Single(scenario.Fired);
        Assert.Equal("L1", timer.Level);
        Assert.Null(decision);
        Assert.Equal([Sam], scenario.PagedAt("L1"));
    }

    [Fact]
    public void Escalating_to_Executive_is_refused_for_a_SOC_engineer_and_names_the_roles_allowed()
    {
        var scenario = new EscalationScenario(MayaWeek);
        scenario.Declare("Customer data exposed", type: "customer");
        var before = scenario.Incident;

        var outcome = scenario.Escalate(Sam, "board must know");

        Assert.True(outcome.IsRefused);
        Assert.Contains("SecOpsManager or SecEngManager", outcome.Refusal, StringComparison.Ordinal);
        Assert.Contains("Executive", outcome.Refusal, StringComparison.Ordinal);
        Assert.Same(before, scenario.Incident);
    }

    [Fact]
    public void Declaring_straight_at_Executive_is_refused_for_a_SOC_engineer()
    {
        var scenario = new EscalationScenario(MayaWeek);

        var outcome = scenario.Declare(level: "EXEC", by: Sam);

        Assert.True(outcome.IsRefused);
        Assert.Contains("SecOpsManager or SecEngManager", outcome.Refusal, StringComparison.Ordinal);
    }

    [Fact]
    public void The_SecOps_manager_escalating_to_Executive_notifies_the_executive_without_a_timer_or_a_state_change()
    {
        var scenario = new EscalationScenario(MayaWeek);
        scenario.Declare("Customer data exposed", type: "customer");
        scenario.Acknowledge(Olivia);
        scenario.Clock.Advance(TimeSpan.FromMinutes(5));

        var decision = scenario.Escalate(Olivia, "regulator notification needed").Value!;

        Assert.Equal("Executive", decision.Incident.Level);
        var notice = Assert.Single(decision.Notices.OfType<PageNotice>());
        Assert.Equal(new Page(Elena, "Executive", 1, scenario.Now, PageReason.Notification), notice.Page);
        Assert.Empty(decision.Timers);
        Assert.Equal(IncidentState.Acknowledged, decision.Incident.State);
        Assert.Contains("notified Elena at Executive", decision.Events.Select(e => e.Detail));
    }

    [Fact]
    public void The_SecEng_manager_may_also_escalate_to_Executive_even_while_L3_is_unacknowledged()
    {
        var scenario = new EscalationScenario(MayaWeek);
        scenario.Declare("Customer data exposed", type: "customer");

        var decision = scenario.Escalate(Raj, "press enquiry").Value!;

        Assert.Equal(IncidentState.Open, decision.Incident.State);
        Assert.Equal([Elena], scenario.PagedAt("Executive"));
        Assert.Equal(PageReason.Notification, Assert.Single(decision.Incident.Pages, p => p.Level == "Executive").Reason);
    }

    [Fact]
    public void Escalating_beyond_the_top_level_is_refused()
    {
        var scenario = new EscalationScenario(MayaWeek);
        scenario.Declare("Customer data exposed", type: "customer");
        scenario.Escalate(Olivia, "regulator notification needed");
        var before = scenario.Incident;

        var outcome = scenario.Escalate(Olivia, "again");

        Assert.True(outcome.IsRefused);
        Assert.Contains("already at Executive, the top level", outcome.Refusal, StringComparison.Ordinal);
        Assert.Same(before, scenario.Incident);
    }
}
