namespace SecBot.Domain.Tests.Incidents;

using SecBot.Domain.Incidents;
using static SecBot.Domain.Tests.Incidents.ScenarioPolicy;

public class IncidentTypeTests
{
    [Fact]
    public void A_customer_incident_starts_at_L3_paging_the_SecOps_manager_and_not_the_SecEng_manager()
    {
        var scenario = new EscalationScenario(MayaWeek);

        var decision = scenario.Declare("Customer data exposed", type: "customer").Value!;

        Assert.Equal("L3", decision.Incident.Level);
        var managerPage = Assert.Single(decision.Incident.Pages, p => p.Reason == PageReason.OnCall);
        Assert.Equal(new Page(Olivia, "L3", 1, MayaWeek, PageReason.OnCall), managerPage);
        Assert.DoesNotContain(Raj, decision.Incident.PeopleOnIncident);
        Assert.DoesNotContain(Maya, decision.Incident.PeopleOnIncident);
        Assert.Equal([new EscalationTimer(1, "L3", 1, MayaWeek + AckTimeout)], decision.Timers);
    }

    [Fact]
    public void A_customer_incident_pages_the_IR_lead_as_incident_lead()
    {
        var scenario = new EscalationScenario(MayaWeek);

        var decision = scenario.Declare("Customer data exposed", type: "customer").Value!;

        var leadPage = Assert.Single(decision.Incident.Pages, p => p.Reason == PageReason.Lead);
        Assert.Equal((Priya, "L3", 1), (leadPage.PersonId, leadPage.Level, leadPage.Attempt));
        Assert.Equal(Priya, decision.Incident.LeadPersonId);
        Assert.Equal([Olivia, Priya], decision.Notices.OfType<PageNotice>().Select(n => n.Page.PersonId));
        Assert.Equal([Olivia, Priya], Assert.Single(decision.Notices.OfType<ChannelNotice>()).Mentions);
    }

    [Fact]
    public void A_general_incident_has_no_lead_until_someone_acknowledges()
    {
        var scenario = new EscalationScenario(MayaWeek);

        Assert.Null(scenario.Declare().Value!.Incident.LeadPersonId);
        Assert.Equal(Maya, scenario.Acknowledge(Maya).Value!.Incident.LeadPersonId);
    }

    [Fact]
    public void An_aws_incident_pages_the_cloud_security_engineer_instead_of_the_rotation()
    {
        var scenario = new EscalationScenario(SamWeek);

        var decision = scenario.Declare("CloudTrail disabled in prod", type: "aws").Value!;

        Assert.Equal("L1", decision.Incident.Level);
        Assert.Equal([new Page(Diego, "L1", 1, SamWeek, PageReason.OnCall)], decision.Incident.Pages);
        Assert.Equal([new EscalationTimer(1, "L1", 1, SamWeek + AckTimeout)], decision.Timers);
    }

    [Fact]
    public void An_aws_incident_escalating_to_L2_pages_the_senior_SOC_engineer_and_not_the_IR_lead()
    {
        var scenario = new EscalationScenario(SamWeek);
        scenario.Declare("CloudTrail disabled in prod", type: "aws");

        scenario.AdvanceAndFireDueTimers(2 * AckTimeout);

        Assert.Equal("L2", scenario.Incident.Level);
        Assert.Equal([Maya], scenario.PagedAt("L2"));
        Assert.DoesNotContain(Priya, scenario.Incident.PeopleOnIncident);
        Assert.DoesNotContain(Sam, scenario.Incident.PeopleOnIncident);
        Assert.Equal([Diego, Diego], scenario.PagedAt("L1"));
    }

    [Fact]
    public void An_aws_incident_escalating_to_L3_pages_both_managers_as_L3_does()
    {
        var scenario = new EscalationScenario(SamWeek);
        scenario.Declare("CloudTrail disabled in prod", type: "aws");

        scenario.AdvanceAndFireDueTimers(4 * AckTimeout);

        Assert.Equal("L3", scenario.Incident.Level);
        Assert.Equal([Olivia, Raj], scenario.PagedAt("L3"));
    }
}
