namespace SecBot.Domain.Tests.Incidents;

using SecBot.Domain.Incidents;
using static SecBot.Domain.Tests.Incidents.ScenarioPolicy;

public class AlertSourceTests
{
    private static readonly AlertSource Alertmanager = new("Alertmanager");

    [Fact]
    public void An_alert_declares_with_the_source_as_declarer_and_pages_the_on_call_person()
    {
        var scenario = new EscalationScenario(SamWeek);

        var decision = scenario.DeclareByAlert(Alertmanager, links: new IncidentLink("Alertmanager", "http://am.example/#/alerts")).Value!;

        Assert.Equal("alert:Alertmanager", decision.Incident.DeclaredBy);
        Assert.Equal([Sam], scenario.PagedAt("L1"));
        Assert.Equal("alert:Alertmanager", decision.Events[0].Actor);
        Assert.Contains("declared by alert source Alertmanager", decision.Events[0].Detail, StringComparison.Ordinal);
        var announcement = Assert.Single(decision.Notices.OfType<ChannelNotice>());
        Assert.Equal("http://am.example/#/alerts", Assert.Single(announcement.Links).Url);
    }

    [Fact]
    public void An_alert_may_open_at_a_level_a_person_could_only_escalate_to_but_never_at_a_manual_only_one()
    {
        var scenario = new EscalationScenario(SamWeek);

        var refused = scenario.DeclareByAlert(Alertmanager, level: "Executive");

        Assert.True(refused.IsRefused);
        Assert.Contains("An alert may not open an incident at Executive", refused.Refusal, StringComparison.Ordinal);
        Assert.False(scenario.HasIncident);
        Assert.False(scenario.DeclareByAlert(Alertmanager, level: "L3").IsRefused);
    }

    [Fact]
    public void The_source_acknowledges_without_being_paged_stops_the_level_and_leads_nobody()
    {
        var scenario = new EscalationScenario(SamWeek);
        scenario.DeclareByAlert(Alertmanager);

        var decision = scenario.AcknowledgeBySource(Alertmanager).Value!;

        Assert.Equal(IncidentState.Acknowledged, decision.Incident.State);
        Assert.Equal(("alert:Alertmanager", "L1"), (decision.Incident.AcknowledgedBy, decision.Incident.AcknowledgedLevel));
        Assert.Null(decision.Incident.LeadPersonId);
        Assert.Equal("alert:Alertmanager", Assert.Single(decision.Events).Actor);
        Assert.Empty(decision.Notices.OfType<PageNotice>());
        Assert.Empty(scenario.AdvanceAndFireDueTimers(AckTimeout * 3).SelectMany(d => d.Notices.OfType<PageNotice>()));
    }

    [Fact]
    public void A_second_acknowledge_from_the_source_changes_nothing()
    {
        var scenario = new EscalationScenario(SamWeek);
        scenario.DeclareByAlert(Alertmanager);
        scenario.AcknowledgeBySource(Alertmanager);

        Assert.True(scenario.AcknowledgeBySource(Alertmanager).IsRefused);
    }

    [Fact]
    public void The_source_resolves_and_is_recorded_as_the_resolver()
    {
        var scenario = new EscalationScenario(SamWeek);
        scenario.DeclareByAlert(Alertmanager);

        var decision = scenario.ResolveBySource(Alertmanager, "alert resolved").Value!;

        Assert.Equal((IncidentState.Resolved, "alert:Alertmanager"), (decision.Incident.State, decision.Incident.ResolvedBy));
        Assert.Equal("resolved by alert source Alertmanager: alert resolved", Assert.Single(decision.Events).Detail);
        Assert.True(scenario.ResolveBySource(Alertmanager).IsRefused);
    }

    [Fact]
    public void A_person_still_acts_on_an_alert_incident_by_the_person_rules()
    {
        var scenario = new EscalationScenario(SamWeek);
        scenario.DeclareByAlert(Alertmanager);

        Assert.True(scenario.Acknowledge(Leo).IsRefused);
        Assert.False(scenario.Acknowledge(Sam).IsRefused);
        Assert.True(scenario.AcknowledgeBySource(Alertmanager).IsRefused);
    }
}
