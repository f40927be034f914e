namespace SecBot.Domain.Tests.Incidents;

using SecBot.Domain.Incidents;
using SecBot.Domain.Policy;
using static SecBot.Domain.Tests.Incidents.ScenarioPolicy;

/// <summary>Who the engine pages when the rotation has nobody, or when someone covers a shift.</summary>
public class OnCallPagingTests
{
    private static readonly DateTimeOffset BeforeRotationStarts = new(2026, 1, 2, 12, 0, 0, TimeSpan.Zero);

    [Fact]
    public void With_nobody_on_call_the_SecOps_manager_is_paged_instead_and_the_timeline_says_why()
    {
        var scenario = new EscalationScenario(BeforeRotationStarts);

        var decision = scenario.Declare().Value!;

        var page = Assert.Single(decision.Incident.Pages);
        Assert.Equal((Olivia, "L1", PageReason.ManagerFallback), (page.PersonId, page.Level, page.Reason));
        Assert.Contains("nobody is on call for rotation l1", page.Note, StringComparison.Ordinal);
        var paged = Assert.Single(decision.Events, e => e.Kind == IncidentEventKinds.Paged);
        Assert.Contains("paged Olivia at L1 instead", paged.Detail, StringComparison.Ordinal);
        Assert.Contains("nobody is on call for rotation l1 (rotation l1 starts Mon 5 Jan 09:00 Europe/London", paged.Detail, StringComparison.Ordinal);
        Assert.Contains("paging the Security Operations manager", paged.Detail, StringComparison.Ordinal);
        Assert.Equal([Olivia], Assert.Single(decision.Notices.OfType<ChannelNotice>()).Mentions);
    }

    [Fact]
    public void A_manager_paged_in_place_of_nobody_still_escalates_when_unacknowledged()
    {
        var scenario = new EscalationScenario(BeforeRotationStarts);
        scenario.Declare();

        scenario.AdvanceAndFireDueTimers(2 * AckTimeout);

        Assert.Equal([Olivia, Olivia], scenario.PagedAt("L1"));
        Assert.Equal("L2", scenario.Incident.Level);
        Assert.Equal([Maya, Priya], scenario.PagedAt("L2"));
    }

    [Fact]
    public void An_override_of_the_rotation_wins_and_the_covering_person_is_paged()
    {
        var scenario = new EscalationScenario(MayaWeek)
            .WithOverride("rotation:l1", Sam, MayaWeek.AddHours(-2), MayaWeek.AddHours(6));

        var decision = scenario.Declare().Value!;

        Assert.Equal([new Page(Sam, "L1", 1, MayaWeek, PageReason.OnCall)], decision.Incident.Pages);
        Assert.DoesNotContain(Maya, decision.Incident.PeopleOnIncident);
    }

    [Fact]
    public void Outside_the_override_window_the_rotation_pages_as_usual()
    {
        var scenario = new EscalationScenario(MayaWeek.AddHours(6))
            .WithOverride("rotation:l1", Sam, MayaWeek.AddHours(-2), MayaWeek.AddHours(6));

        var decision = scenario.Declare().Value!;

        Assert.Equal([Maya], decision.Incident.Pages.Select(p => p.PersonId));
    }

    [Fact]
    public void An_override_also_covers_shifts_before_the_rotation_starts()
    {
        var scenario = new EscalationScenario(BeforeRotationStarts)
            .WithOverride("rotation:l1", Diego, BeforeRotationStarts.AddDays(-1), RotationStart);

        var decision = scenario.Declare().Value!;

        Assert.Equal([new Page(Diego, "L1", 1, BeforeRotationStarts, PageReason.OnCall)], decision.Incident.Pages);
    }

    [Fact]
    public void When_not_even_a_manager_can_be_paged_the_channel_is_told_and_the_incident_still_escalates()
    {
        // Until 4 January Olivia is a SOC engineer, so before l1 starts nobody holds SecOpsManager to fall back on.
        var policy = ScenarioPolicy.Options();
        policy.Roster.People.Single(p => p.Id == Olivia).Assignments =
            [new AssignmentOptions { Role = "SocEngineer", From = new DateOnly(2025, 12, 1), To = new DateOnly(2026, 1, 4) }];
        var scenario = new EscalationScenario(BeforeRotationStarts, policy);

        var declared = scenario.Declare().Value!;

        Assert.Empty(declared.Incident.Pages);
        Assert.Contains(declared.Events, e => e.Detail.StartsWith("could not page anyone at L1: nobody is on call for rotation l1", StringComparison.Ordinal));
        Assert.Contains("Nobody could be paged.", Assert.Single(declared.Notices.OfType<ChannelNotice>()).Text, StringComparison.Ordinal);

        scenario.AdvanceAndFireDueTimers(2 * AckTimeout);

        Assert.Equal("L2", scenario.Incident.Level);
        Assert.Equal([Maya, Priya], scenario.PagedAt("L2"));
    }

    [Theory]
    [InlineData("2026-01-20T14:00:00Z", Maya)]   // week 3
    [InlineData("2026-01-27T14:00:00Z", Sam)]    // week 4
    [InlineData("2026-03-18T12:00:00Z", Maya)]   // week 11
    [InlineData("2026-04-01T12:00:00Z", Maya)]   // week 13, on BST: handoff still Monday 09:00 local
    public void Later_weeks_of_the_rotation_keep_alternating(string at, string onCall)
    {
        var scenario = new EscalationScenario(DateTimeOffset.Parse(at, System.Globalization.CultureInfo.InvariantCulture));

        var decision = scenario.Declare().Value!;

        Assert.Equal([onCall], decision.Incident.Pages.Select(p => p.PersonId));
    }
}
