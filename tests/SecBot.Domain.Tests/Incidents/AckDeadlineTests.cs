namespace SecBot.Domain.Tests.Incidents;

using SecBot.Domain.Incidents;
using static SecBot.Domain.Tests.Incidents.ScenarioPolicy;

/// <summary>What pages and status say comes next agrees with the timers the engine actually sets.</summary>
public class AckDeadlineTests
{
    [Fact]
    public void A_fresh_L1_page_waits_the_ack_timeout_then_re_pages_then_escalates_to_L2()
    {
        var scenario = new EscalationScenario(SamWeek);
        scenario.Declare();

        var due = Deadline(scenario);

        Assert.Equal(new AckDeadline("L1", AckTimeout, SamWeek + AckTimeout, RepagesFirst: true, SamWeek + (2 * AckTimeout), "L2"), due);
        Assert.Equal(scenario.PendingTimers.Min(t => t.DueAt), due!.NextTimerAt);
    }

    [Fact]
    public void Each_predicted_deadline_is_when_the_engine_acts_and_the_escalation_comes_when_predicted()
    {
        var scenario = new EscalationScenario(SamWeek);
        scenario.Declare();
        var predicted = Deadline(scenario)!;

        while (scenario.Incident.Level == "L1")
        {
            var due = Deadline(scenario)!;
            Assert.Equal(predicted.EscalatesAt, due.EscalatesAt);
            Assert.Equal(scenario.PendingTimers.Where(t => t.Level == "L1").Min(t => t.DueAt), due.NextTimerAt);
            scenario.AdvanceAndFireDueTimers(due.NextTimerAt - scenario.Now);
            Assert.Equal(due.NextTimerAt, scenario.Now);
            Assert.Equal(due.RepagesFirst ? "L1" : "L2", scenario.Incident.Level);
        }

        Assert.Equal(predicted.EscalatesAt, scenario.Now);
        Assert.Equal("L2", Deadline(scenario)!.Level);
    }

    [Fact]
    public void At_the_last_automatic_level_the_deadline_says_escalation_stops()
    {
        var scenario = new EscalationScenario(SamWeek);
        scenario.Declare(level: "L3", by: Olivia);

        var due = Deadline(scenario)!;

        Assert.Equal("L3", due.Level);
        Assert.Null(due.EscalatesTo);
    }

    [Fact]
    public void Nothing_waits_once_acknowledged()
    {
        var scenario = new EscalationScenario(SamWeek);
        scenario.Declare();
        scenario.Acknowledge(scenario.Incident.Pages[0].PersonId);

        Assert.Null(Deadline(scenario));
    }

    private static AckDeadline? Deadline(EscalationScenario scenario) =>
        AckDeadline.Of(scenario.Incident, new EscalationPolicy(scenario.Policy.Escalation));
}
