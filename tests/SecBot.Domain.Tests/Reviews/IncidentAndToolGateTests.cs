namespace SecBot.Domain.Tests.Reviews;

using SecBot.Domain.Reviews;
using static SecBot.Domain.Tests.Reviews.GateOutcomes;
using static SecBot.Domain.Tests.Reviews.GateScenario;

/// <summary>policy.md, incident types and review gates: gates an incident opens on resolve, and the tool request.</summary>
public class IncidentAndToolGateTests
{
    private readonly GateScenario _scenario = new(Monday);

    [Fact]
    public void A_customer_incident_opens_an_incident_postmortem_requested_by_its_lead()
    {
        var gate = _scenario.OpenForIncident("incident-postmortem", 12, Priya, "Customer data exposure").Decided().Gate;

        Assert.Equal(("incident-postmortem", 12L, Priya, GateEvent.System), (gate.Type, gate.IncidentNumber, gate.RequestedBy, gate.RequestedVia));
        Assert.Contains("INC-12", gate.Title, StringComparison.Ordinal);
        Assert.Contains("Customer data exposure", gate.Title, StringComparison.Ordinal);
        Assert.Contains("INC-12", _scenario.Decisions[0].Events[0].Detail, StringComparison.Ordinal);
    }

    [Fact]
    public void A_postmortem_whose_lead_is_the_only_IR_lead_asks_the_SecOps_manager_to_decide_that_seat()
    {
        var decision = _scenario.OpenForIncident("incident-postmortem", 12, Priya, "Customer data exposure").Decided();

        Assert.Equal(Sorted([Hannah, Leo, Maya, Sam]), decision.ReviewersAsked());
        var flagged = Assert.Single(decision.Notices.OfType<DirectNotice>());
        Assert.Equal((Olivia, GateEventKinds.NoReviewer), (flagged.PersonId, flagged.Kind));
        Assert.Contains("only the requester holds Incident Response Lead", flagged.Text, StringComparison.Ordinal);
        Assert.Contains(decision.Events, e => e.Kind == GateEventKinds.NoReviewer);
    }

    [Fact]
    public void An_aws_incident_opens_a_runbook_update_for_the_senior_red_team_engineer_and_the_SOC()
    {
        var decision = _scenario.OpenForIncident("runbook-update", 9, Diego, "CloudTrail disabled in eu-west-1").Decided();

        Assert.Equal(("runbook-update", 9L, Diego), (decision.Gate.Type, decision.Gate.IncidentNumber, decision.Gate.RequestedBy));
        Assert.Equal(Sorted([Hannah, Maya, Sam]), decision.ReviewersAsked());
    }

    [Fact]
    public void A_red_team_engineer_who_is_not_senior_cannot_sign_a_runbook_update()
    {
        _scenario.OpenForIncident("runbook-update", 9, Diego, "CloudTrail disabled in eu-west-1");

        var refusal = _scenario.Approve(Leo).Refused();

        Assert.Contains("Senior Red Team Engineer (Senior Red Team Engineer)", refusal, StringComparison.Ordinal);
    }

    [Fact]
    public void An_approved_tool_request_is_owned_by_the_security_tool_engineer_who_is_told()
    {
        _scenario.Open("tool-request", by: Sam, title: "osquery fleet manager");
        Assert.Equal([Raj], _scenario.Decisions[0].ReviewersAsked());

        var decision = _scenario.Approve(Raj).Decided();

        Assert.Equal((GateState.Approved, Kenji), (decision.Gate.State, decision.Gate.OwnerPersonId));
        var told = decision.Notices.OfType<DirectNotice>().Single(n => n.Kind == GateEventKinds.OwnerAssigned);
        Assert.Equal(Kenji, told.PersonId);
        Assert.Contains("osquery fleet manager", told.Text, StringComparison.Ordinal);
        Assert.Contains(decision.Events, e => e.Kind == GateEventKinds.OwnerAssigned && e.Detail.Contains("Kenji Sato", StringComparison.Ordinal));
    }

    [Fact]
    public void Gates_of_types_without_an_owner_role_get_no_owner()
    {
        _scenario.Open("threat-model");

        _scenario.ApprovedBy(Amara, Leo, Priya);

        Assert.Null(_scenario.Gate.OwnerPersonId);
    }
}
