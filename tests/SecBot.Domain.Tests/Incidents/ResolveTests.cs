namespace SecBot.Domain.Tests.Incidents;

using SecBot.Domain.Incidents;
using static SecBot.Domain.Tests.Incidents.ScenarioPolicy;

public class ResolveTests
{
    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("  ")]
    public void Resolving_without_a_summary_resolves_and_says_none_was_given(string? summary)
    {
        var scenario = new EscalationScenario(SamWeek);
        scenario.Declare();

        var decision = scenario.Resolve(Sam, summary).Value!;

        Assert.Equal(IncidentState.Resolved, decision.Incident.State);
        Assert.Null(decision.Incident.Summary);
        Assert.EndsWith("(no summary given)", Assert.Single(decision.Events).Detail, StringComparison.Ordinal);
        Assert.EndsWith("(no summary given)", Assert.Single(decision.Notices.OfType<ChannelNotice>()).Text, StringComparison.Ordinal);
    }

    [Fact]
    public void A_summary_with_line_breaks_is_kept_exactly_but_announced_on_one_line()
    {
        var scenario = new EscalationScenario(SamWeek);
        scenario.Declare();
        const string Summary = "done\n2026-01-02 03:04 acknowledged by Mallory\u2028at L1";

        var decision = scenario.Resolve(Sam, Summary).Value!;

        Assert.Equal(Summary, decision.Incident.Summary);
        Assert.DoesNotContain('\n', Assert.Single(decision.Events).Detail);
        var announcement = Assert.Single(decision.Notices.OfType<ChannelNotice>()).Text;
        Assert.EndsWith(": done 2026-01-02 03:04 acknowledged by Mallory at L1", announcement, StringComparison.Ordinal);
    }

    [Fact]
    public void Resolving_records_the_summary_and_announces_it()
    {
        var scenario = new EscalationScenario(SamWeek);
        scenario.Declare();
        scenario.Clock.Advance(TimeSpan.FromMinutes(7));

        var decision = scenario.Resolve(Sam, " false positive: pentest traffic ").Value!;

        Assert.Equal(IncidentState.Resolved, decision.Incident.State);
        Assert.Equal((Sam, scenario.Now, "false positive: pentest traffic"), (decision.Incident.ResolvedBy, decision.Incident.ResolvedAt, decision.Incident.Summary));
        var resolved = Assert.Single(decision.Events);
        Assert.Equal((IncidentEventKinds.Resolved, Sam), (resolved.Kind, resolved.Actor));
        Assert.Equal("resolved", Assert.Single(decision.Notices.OfType<ChannelNotice>()).Kind);
        Assert.Empty(decision.Timers);
    }

    [Fact]
    public void A_resolved_incident_refuses_acknowledge_escalate_and_resolve()
    {
        var scenario = new EscalationScenario(SamWeek);
        scenario.Declare();
        scenario.Resolve(Sam, "contained");
        var resolved = scenario.Incident;

        var ack = scenario.Acknowledge(Sam);
        var escalate = scenario.Escalate(Olivia, "reopen?");
        var resolveAgain = scenario.Resolve(Sam, "contained twice");

        Assert.True(ack.IsRefused);
        Assert.True(escalate.IsRefused);
        Assert.True(resolveAgain.IsRefused);
        Assert.Contains("already resolved", ack.Refusal, StringComparison.Ordinal);
        Assert.Contains("declare a new incident", escalate.Refusal, StringComparison.Ordinal);
        Assert.Contains("already resolved", resolveAgain.Refusal, StringComparison.Ordinal);
        Assert.Same(resolved, scenario.Incident);
    }

    [Fact]
    public void Timers_coming_due_after_resolve_do_nothing()
    {
        var scenario = new EscalationScenario(SamWeek);
        scenario.Declare();
        var timer = Assert.Single(scenario.PendingTimers);
        scenario.Clock.Advance(TimeSpan.FromMinutes(5));
        scenario.Resolve(Sam, "contained");
        var resolved = scenario.Incident;

        var made = scenario.AdvanceAndFireDueTimers(TimeSpan.FromHours(2));

        Assert.Empty(made);
        Assert.Null(Assert.Single(scenario.Fired).Decision);
        Assert.Null(scenario.Engine.OnAckTimeout(resolved, timer, scenario.OnCall, scenario.Now));
        Assert.Same(resolved, scenario.Incident);
    }

    [Fact]
    public void An_acknowledged_incident_can_be_resolved()
    {
        var scenario = new EscalationScenario(SamWeek);
        scenario.Declare();
        scenario.Acknowledge(Sam);

        var outcome = scenario.Resolve(Sam, "blocked the IP");

        Assert.False(outcome.IsRefused);
        Assert.Equal(IncidentState.Resolved, scenario.Incident.State);
    }
}
