namespace SecBot.Domain.Tests.Incidents;

using SecBot.Domain.Incidents;
using static SecBot.Domain.Tests.Incidents.ScenarioPolicy;

/// <summary>Nobody acknowledges: re-page once per level, then escalate, up to L3 and no further.</summary>
public class AckTimeoutTests
{
    private static EscalationScenario DeclaredInSamsWeek()
    {
        var scenario = new EscalationScenario(SamWeek);
        scenario.Declare();
        return scenario;
    }

    [Fact]
    public void Nothing_happens_before_the_ack_timeout()
    {
        var scenario = DeclaredInSamsWeek();

        var made = scenario.AdvanceAndFireDueTimers(AckTimeout - TimeSpan.FromSeconds(1));

        Assert.Empty(made);
        Assert.Equal(1, scenario.Incident.Version);
    }

    [Fact]
    public void An_unacked_L1_page_is_repaged_to_the_same_person_after_ten_minutes()
    {
        var scenario = DeclaredInSamsWeek();

        var repage = Assert.Single(scenario.AdvanceAndFireDueTimers(AckTimeout));

        var notice = Assert.Single(repage.Notices.OfType<PageNotice>());
        Assert.Equal((Sam, "L1", 2, SamWeek + AckTimeout), (notice.Page.PersonId, notice.Page.Level, notice.Page.Attempt, notice.Page.PagedAt));
        Assert.Equal(IncidentEventKinds.Repaged, Assert.Single(repage.Events).Kind);
        Assert.Equal("L1", repage.Incident.Level);
        Assert.Equal([Sam, Sam], scenario.PagedAt("L1"));
        Assert.Equal([new EscalationTimer(1, "L1", 2, SamWeek + (2 * AckTimeout))], repage.Timers);
    }

    [Fact]
    public void A_repage_goes_to_the_person_first_paged_even_when_the_rotation_hands_off_in_between()
    {
        var scenario = new EscalationScenario(new DateTimeOffset(2026, 1, 12, 8, 55, 0, TimeSpan.Zero));
        scenario.Declare();

        scenario.AdvanceAndFireDueTimers(AckTimeout);

        Assert.Equal([Maya], scenario.PagedAt("L1", attempt: 1));
        Assert.Equal([Maya], scenario.PagedAt("L1", attempt: 2));
        Assert.DoesNotContain(Sam, scenario.Incident.PeopleOnIncident);
    }

    [Fact]
    public void Unacked_L1_page_is_repaged_once_then_escalates_to_L2()
    {
        var scenario = DeclaredInSamsWeek();
        scenario.AdvanceAndFireDueTimers(AckTimeout);

        var escalation = Assert.Single(scenario.AdvanceAndFireDueTimers(AckTimeout));

        Assert.Equal("L2", escalation.Incident.Level);
        Assert.Equal(IncidentEventKinds.AutoEscalated, escalation.Events[0].Kind);
        Assert.Equal(IncidentEvent.System, escalation.Events[0].Actor);
        Assert.Equal([Maya, Priya], escalation.Notices.OfType<PageNotice>().Select(n => n.Page.PersonId));
        Assert.All(escalation.Notices.OfType<PageNotice>(), n => Assert.Equal(("L2", 1), (n.Page.Level, n.Page.Attempt)));
        Assert.Equal([Sam, Sam], scenario.PagedAt("L1"));
        Assert.Contains(Sam, escalation.Incident.PeopleOnIncident);
        Assert.Equal([new EscalationTimer(1, "L2", 1, SamWeek + (3 * AckTimeout))], escalation.Timers);
        var announcement = Assert.Single(escalation.Notices.OfType<ChannelNotice>());
        Assert.Equal("escalated", announcement.Kind);
        Assert.Equal([Maya, Priya], announcement.Mentions);
    }

    [Fact]
    public void Unacked_L2_pages_are_repaged_once_then_escalate_to_L3()
    {
        var scenario = DeclaredInSamsWeek();
        scenario.AdvanceAndFireDueTimers(2 * AckTimeout);

        var l2Repage = Assert.Single(scenario.AdvanceAndFireDueTimers(AckTimeout));
        var l3 = Assert.Single(scenario.AdvanceAndFireDueTimers(AckTimeout));

        Assert.Equal([Maya, Priya], l2Repage.Notices.OfType<PageNotice>().Select(n => n.Page.PersonId));
        Assert.All(l2Repage.Notices.OfType<PageNotice>(), n => Assert.Equal(("L2", 2), (n.Page.Level, n.Page.Attempt)));
        Assert.Equal("L3", l3.Incident.Level);
        Assert.Equal([Olivia, Raj], l3.Notices.OfType<PageNotice>().Select(n => n.Page.PersonId));
        Assert.Equal([Sam, Maya, Priya, Olivia, Raj], scenario.Incident.PeopleOnIncident);
        Assert.Equal([new EscalationTimer(1, "L3", 1, SamWeek + (5 * AckTimeout))], l3.Timers);
    }

    [Fact]
    public void Unacked_L3_pages_are_repaged_once_then_automatic_escalation_stops_short_of_Executive()
    {
        var scenario = DeclaredInSamsWeek();
        scenario.AdvanceAndFireDueTimers(4 * AckTimeout);

        var l3Repage = Assert.Single(scenario.AdvanceAndFireDueTimers(AckTimeout));
        var stopped = Assert.Single(scenario.AdvanceAndFireDueTimers(AckTimeout));

        Assert.Equal([Olivia, Raj], l3Repage.Notices.OfType<PageNotice>().Select(n => n.Page.PersonId));
        var stop = Assert.Single(stopped.Events);
        Assert.Equal(IncidentEventKinds.EscalationStopped, stop.Kind);
        Assert.Contains("SecOpsManager or SecEngManager", stop.Detail, StringComparison.Ordinal);
        Assert.Empty(stopped.Notices.OfType<PageNotice>());
        Assert.Equal([Olivia, Raj], Assert.Single(stopped.Notices.OfType<ChannelNotice>()).Mentions);
        Assert.Empty(stopped.Timers);
        Assert.Equal("L3", scenario.Incident.Level);
        Assert.DoesNotContain(Elena, scenario.Incident.PeopleOnIncident);
        Assert.Empty(scenario.PendingTimers);
    }

    [Fact]
    public void After_escalation_stops_nothing_more_happens()
    {
        var scenario = DeclaredInSamsWeek();
        scenario.AdvanceAndFireDueTimers(6 * AckTimeout);
        var version = scenario.Incident.Version;

        var later = scenario.AdvanceAndFireDueTimers(TimeSpan.FromHours(6));

        Assert.Empty(later);
        Assert.Equal(version, scenario.Incident.Version);
        Assert.Equal(["L1", "L2", "L3"], scenario.Incident.Pages.Select(p => p.Level).Distinct());
    }

    [Fact]
    public void One_unanswered_hour_makes_exactly_the_documented_sequence_of_decisions()
    {
        var scenario = DeclaredInSamsWeek();

        scenario.AdvanceAndFireDueTimers(TimeSpan.FromHours(1));

        Assert.Equal(
            [
                IncidentEventKinds.Declared, IncidentEventKinds.Paged,
                IncidentEventKinds.Repaged,
                IncidentEventKinds.AutoEscalated, IncidentEventKinds.Paged, IncidentEventKinds.Paged,
                IncidentEventKinds.Repaged, IncidentEventKinds.Repaged,
                IncidentEventKinds.AutoEscalated, IncidentEventKinds.Paged, IncidentEventKinds.Paged,
                IncidentEventKinds.Repaged, IncidentEventKinds.Repaged,
                IncidentEventKinds.EscalationStopped,
            ],
            scenario.Events.Select(e => e.Kind));
        Assert.Equal(10, scenario.PageNotices.Count); // sam ×2, maya+priya ×2, olivia+raj ×2
    }
}
