namespace SecBot.Domain.Tests.Incidents;

using SecBot.Domain.Incidents;
using static SecBot.Domain.Tests.Incidents.ScenarioPolicy;

public class AcknowledgeTests
{
    [Fact]
    public void Acknowledging_records_who_and_when_and_announces_it()
    {
        var scenario = new EscalationScenario(SamWeek);
        scenario.Declare();
        scenario.Clock.Advance(TimeSpan.FromMinutes(3));

        var decision = scenario.Acknowledge(Sam).Value!;

        Assert.Equal(IncidentState.Acknowledged, decision.Incident.State);
        Assert.Equal(("L1", Sam, scenario.Now), (decision.Incident.AcknowledgedLevel, decision.Incident.AcknowledgedBy, decision.Incident.AcknowledgedAt));
        Assert.Equal(IncidentEventKinds.Acknowledged, Assert.Single(decision.Events).Kind);
        Assert.Empty(decision.Timers);
        Assert.Equal("acknowledged", Assert.Single(decision.Notices.OfType<ChannelNotice>()).Kind);
        Assert.Empty(decision.Notices.OfType<PageNotice>());
    }

    [Fact]
    public void An_acknowledged_level_is_neither_repaged_nor_escalated_and_its_timer_is_logged_as_ignored()
    {
        var scenario = new EscalationScenario(SamWeek);
        scenario.Declare();
        scenario.Clock.Advance(TimeSpan.FromMinutes(3));
        scenario.Acknowledge(Sam);

        var made = scenario.AdvanceAndFireDueTimers(TimeSpan.FromHours(1));

        var ignored = Assert.Single(made);
        Assert.Equal(IncidentEventKinds.TimerIgnored, Assert.Single(ignored.Events).Kind);
        Assert.Empty(ignored.Notices);
        Assert.Empty(ignored.Timers);
        Assert.Equal("L1", scenario.Incident.Level);
        Assert.Equal(IncidentState.Acknowledged, scenario.Incident.State);
        Assert.Equal([Sam], scenario.PagedAt("L1"));
        Assert.Empty(scenario.PendingTimers);
    }

    [Fact]
    public void Acknowledging_after_the_repage_stops_the_escalation()
    {
        var scenario = new EscalationScenario(SamWeek);
        scenario.Declare();
        scenario.AdvanceAndFireDueTimers(TimeSpan.FromMinutes(12));
        scenario.Acknowledge(Sam);

        scenario.AdvanceAndFireDueTimers(TimeSpan.FromHours(1));

        Assert.Equal("L1", scenario.Incident.Level);
        Assert.Equal(IncidentEventKinds.TimerIgnored, scenario.Events[^1].Kind);
        Assert.DoesNotContain(scenario.Events, e => e.Kind == IncidentEventKinds.AutoEscalated);
    }

    [Fact]
    public void A_second_acknowledgement_is_refused_and_changes_nothing()
    {
        var scenario = new EscalationScenario(SamWeek);
        scenario.Declare();
        scenario.Acknowledge(Sam);
        var before = scenario.Incident;

        var again = scenario.Acknowledge(Sam);
        var someoneElse = scenario.Acknowledge(Maya);

        Assert.True(again.IsRefused);
        Assert.Contains("already acknowledged at L1 by Sam", again.Refusal, StringComparison.Ordinal);
        Assert.True(someoneElse.IsRefused);
        Assert.Same(before, scenario.Incident);
        Assert.Equal(2, scenario.Decisions.Count);
    }

    [Fact]
    public void An_acknowledgement_at_L1_does_not_cover_L2_after_a_manual_escalation()
    {
        var scenario = new EscalationScenario(SamWeek);
        scenario.Declare();
        scenario.Acknowledge(Sam);
        scenario.Escalate(Sam, "needs forensics");

        Assert.Equal(IncidentState.Open, scenario.Incident.State);
        var made = scenario.AdvanceAndFireDueTimers(2 * AckTimeout);

        Assert.Equal(2, made.Count);
        Assert.Equal(IncidentEventKinds.Repaged, made[0].Events[0].Kind);
        Assert.Equal([Maya, Priya], scenario.PagedAt("L2", attempt: 2));
        Assert.Equal(IncidentEventKinds.AutoEscalated, made[1].Events[0].Kind);
        Assert.Equal("L3", scenario.Incident.Level);
    }

    [Fact]
    public void Acknowledging_again_after_a_manual_escalation_stops_the_new_levels_escalation()
    {
        var scenario = new EscalationScenario(SamWeek);
        scenario.Declare();
        scenario.Acknowledge(Sam);
        scenario.Escalate(Sam, "needs forensics");
        scenario.Clock.Advance(TimeSpan.FromMinutes(2));

        var l2Ack = scenario.Acknowledge(Priya);
        scenario.AdvanceAndFireDueTimers(TimeSpan.FromHours(1));

        Assert.False(l2Ack.IsRefused);
        Assert.Equal(("L2", Priya), (scenario.Incident.AcknowledgedLevel, scenario.Incident.AcknowledgedBy));
        Assert.Equal("L2", scenario.Incident.Level);
        Assert.Equal(Sam, scenario.Incident.LeadPersonId);
        Assert.Equal([Maya, Priya], scenario.PagedAt("L2"));
        Assert.Equal(IncidentEventKinds.TimerIgnored, scenario.Events[^1].Kind);
    }
}
