namespace SecBot.Domain.Tests.Incidents;

using SecBot.Domain.Incidents;
using static SecBot.Domain.Tests.Incidents.ScenarioPolicy;

public class DeclareTests
{
    [Theory]
    [InlineData("2026-01-06T14:00:00Z", Maya)]   // week 1
    [InlineData("2026-01-12T08:59:59Z", Maya)]   // last second of week 1
    [InlineData("2026-01-12T09:00:00Z", Sam)]    // Monday 09:00 handoff
    [InlineData("2026-01-13T14:00:00Z", Sam)]    // week 2
    public void A_general_incident_pages_exactly_the_rotations_on_call_person_at_that_instant(string at, string onCall)
    {
        var scenario = new EscalationScenario(DateTimeOffset.Parse(at, System.Globalization.CultureInfo.InvariantCulture));

        var decision = scenario.Declare(type: "general").Value!;

        var page = Assert.Single(decision.Incident.Pages);
        Assert.Equal(new Page(onCall, "L1", 1, scenario.Now, PageReason.OnCall), page);
        Assert.Equal(page, Assert.Single(decision.Notices.OfType<PageNotice>()).Page);
        Assert.Equal("L1", decision.Incident.Level);
        Assert.Equal(IncidentState.Open, decision.Incident.State);
    }

    [Fact]
    public void The_declared_announcement_mentions_the_person_paged()
    {
        var scenario = new EscalationScenario(SamWeek);

        var decision = scenario.Declare("Phishing wave", by: Priya).Value!;

        var announcement = Assert.Single(decision.Notices.OfType<ChannelNotice>());
        Assert.Equal("declared", announcement.Kind);
        Assert.Equal([Sam], announcement.Mentions);
        Assert.Contains("Sam", announcement.Text, StringComparison.Ordinal);
        Assert.Contains("INC-1", announcement.Text, StringComparison.Ordinal);
        Assert.Contains("Phishing wave", announcement.Text, StringComparison.Ordinal);
        Assert.Same(decision.Incident, announcement.Incident);
    }

    [Fact]
    public void Declaring_sets_one_ack_timer_due_ten_minutes_later()
    {
        var scenario = new EscalationScenario(MayaWeek);

        var decision = scenario.Declare().Value!;

        Assert.Equal([new EscalationTimer(1, "L1", 1, MayaWeek + AckTimeout)], decision.Timers);
    }

    [Fact]
    public void Declaring_without_a_type_uses_general()
    {
        var scenario = new EscalationScenario(MayaWeek);

        var decision = scenario.Declare(type: null).Value!;

        Assert.Equal("general", decision.Incident.Type);
        Assert.Equal([Maya], scenario.PagedAt("L1"));
    }

    [Fact]
    public void Declaring_at_L2_pages_the_senior_SOC_engineer_and_the_IR_lead_and_not_the_rotation()
    {
        var scenario = new EscalationScenario(SamWeek);

        var decision = scenario.Declare(level: "L2").Value!;

        Assert.Equal("L2", decision.Incident.Level);
        Assert.Equal([Maya, Priya], decision.Incident.Pages.Select(p => p.PersonId));
        Assert.All(decision.Incident.Pages, p => Assert.Equal(("L2", 1, PageReason.OnCall), (p.Level, p.Attempt, p.Reason)));
        Assert.Equal([new EscalationTimer(1, "L2", 1, SamWeek + AckTimeout)], decision.Timers);
    }

    [Fact]
    public void An_unknown_incident_type_is_refused_with_the_valid_types()
    {
        var scenario = new EscalationScenario(MayaWeek);

        var outcome = scenario.Declare(type: "phishing");

        Assert.True(outcome.IsRefused);
        Assert.Contains("'phishing'", outcome.Refusal, StringComparison.Ordinal);
        Assert.Contains("general|customer|aws", outcome.Refusal, StringComparison.Ordinal);
        Assert.False(scenario.HasIncident);
    }

    [Fact]
    public void An_unknown_level_is_refused_with_the_valid_levels()
    {
        var scenario = new EscalationScenario(MayaWeek);

        var outcome = scenario.Declare(level: "L9");

        Assert.True(outcome.IsRefused);
        Assert.Contains("'L9'", outcome.Refusal, StringComparison.Ordinal);
        Assert.Contains("L1|L2|L3", outcome.Refusal, StringComparison.Ordinal);
        Assert.False(scenario.HasIncident);
    }

    [Theory]
    [InlineData("")]
    [InlineData("   ")]
    public void An_empty_title_is_refused(string title)
    {
        var scenario = new EscalationScenario(MayaWeek);

        var outcome = scenario.Declare(title);

        Assert.True(outcome.IsRefused);
        Assert.Contains("title", outcome.Refusal, StringComparison.OrdinalIgnoreCase);
        Assert.False(scenario.HasIncident);
    }
}
