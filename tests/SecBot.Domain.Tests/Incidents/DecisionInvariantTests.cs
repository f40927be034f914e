namespace SecBot.Domain.Tests.Incidents;

using SecBot.Domain.Incidents;
using SecBot.Domain.Policy;
using static SecBot.Domain.Tests.Incidents.ScenarioPolicy;

public class DecisionInvariantTests
{
    /// <summary>Declare, repage, auto-escalate, ack at L2, L2 timer ignored, manual escalate, resolve.</summary>
    private static EscalationScenario BusyIncident()
    {
        var scenario = new EscalationScenario(SamWeek);
        scenario.Declare();
        scenario.AdvanceAndFireDueTimers(2 * AckTimeout);
        scenario.Clock.Advance(TimeSpan.FromMinutes(4));
        scenario.Acknowledge(Maya);
        scenario.AdvanceAndFireDueTimers(TimeSpan.FromMinutes(7));
        scenario.Escalate(Maya, "customer impact");
        scenario.Clock.Advance(TimeSpan.FromMinutes(3));
        scenario.Resolve(Olivia, "revoked the leaked key");
        return scenario;
    }

    [Fact]
    public void Each_decision_moves_the_version_on_by_exactly_one()
    {
        var scenario = BusyIncident();

        Assert.Equal([1, 2, 3, 4, 5, 6, 7], scenario.Decisions.Select(d => d.Decision.Incident.Version));
    }

    [Fact]
    public void Every_event_carries_the_fake_clocks_time_of_its_decision()
    {
        var scenario = BusyIncident();

        Assert.Equal(
            [SamWeek, SamWeek.AddMinutes(10), SamWeek.AddMinutes(20), SamWeek.AddMinutes(24), SamWeek.AddMinutes(30), SamWeek.AddMinutes(31), SamWeek.AddMinutes(34)],
            scenario.Decisions.Select(d => d.At));
        Assert.All(scenario.Decisions, d =>
        {
            Assert.NotEmpty(d.Decision.Events);
            Assert.All(d.Decision.Events, e => Assert.Equal(d.At, e.At));
        });
    }

    [Fact]
    public void Notices_carry_the_incident_as_decided()
    {
        var scenario = BusyIncident();

        Assert.All(scenario.Decisions, d => Assert.All(d.Decision.Notices, n => Assert.Same(d.Decision.Incident, n.Incident)));
    }

    [Fact]
    public void The_scenario_policy_is_a_valid_roster_and_escalation_policy()
    {
        var problems = PolicyValidator.Validate(ScenarioPolicy.Options());

        Assert.DoesNotContain(problems, p => !p.StartsWith(PolicyOptions.SectionName + ":Reviews", StringComparison.Ordinal));
    }
}
