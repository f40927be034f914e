namespace SecBot.Domain.Tests.Reviews;

using SecBot.Domain.Reviews;
using static SecBot.Domain.Tests.Reviews.GateOutcomes;
using static SecBot.Domain.Tests.Reviews.GateScenario;

/// <summary>policy.md, review gates, rule 1: stages complete in order.</summary>
public class StageOrderTests
{
    private readonly GateScenario _scenario = new(Monday);

    [Theory]
    [InlineData(Leo, null)]
    [InlineData(Leo, "RedTeam")]
    [InlineData(Priya, "IRLead")]
    [InlineData(Sam, null)]
    public void A_later_stage_is_refused_naming_the_open_stage(string person, string? seat)
    {
        _scenario.Open("new-microservice");

        var refusal = _scenario.Approve(person, seat).Refused();

        Assert.Contains("Stage 1 'Threat model & design review' is still open", refusal, StringComparison.Ordinal);
        Assert.Contains("Security Architecture", refusal, StringComparison.Ordinal);
        Assert.Single(_scenario.Decisions);
    }

    [Fact]
    public void The_refusal_says_at_which_stage_the_reviewer_can_sign()
    {
        _scenario.Open("new-microservice");

        var refusal = _scenario.Approve(Leo).Refused();

        Assert.Contains("You can sign Red Team at Stage 3 'Red team validation'", refusal, StringComparison.Ordinal);
    }

    [Fact]
    public void Completing_stage_1_advances_to_stage_2_and_asks_its_reviewers()
    {
        _scenario.Open("new-microservice", by: Diego);

        var decision = _scenario.Approve(Amara).Decided();

        Assert.Equal((GateState.Open, 2), (decision.Gate.State, decision.Gate.StageNumber));
        Assert.Equal(_scenario.Now, decision.Gate.StageOpenedAt);
        Assert.Equal(Sorted([Amara, Priya]), decision.ReviewersAsked());
        Assert.All(decision.Notices.OfType<ReviewRequestNotice>(), n => Assert.Equal(2, n.StageNumber));
        Assert.Equal([Diego], decision.ToldDirectly(GateEventKinds.StageCompleted));
        Assert.Contains(decision.Events, e => e.Kind == GateEventKinds.StageCompleted);
    }

    [Fact]
    public void A_new_stage_gets_its_own_reminder_and_manager_notice_timers()
    {
        _scenario.Open("new-microservice");
        _scenario.Clock.Advance(TimeSpan.FromHours(5));

        var decision = _scenario.Approve(Amara).Decided();

        Assert.Equal(
            [
                new ReviewTimer(1, 1, 2, ReviewTimerPurpose.Reminder, _scenario.Now + TimeSpan.FromHours(24)),
                new ReviewTimer(1, 1, 2, ReviewTimerPurpose.ManagerNotice, _scenario.Now + TimeSpan.FromHours(72)),
            ],
            decision.Timers);
    }

    [Fact]
    public void Signing_one_seat_of_a_stage_with_seats_still_pending_keeps_the_stage_open()
    {
        _scenario.Open("new-microservice").Decided();
        _scenario.ApprovedBy(Amara);

        var decision = _scenario.Approve(Priya).Decided();

        Assert.Equal(2, decision.Gate.StageNumber);
        Assert.Empty(decision.Notices);
        Assert.Empty(decision.Timers);
    }

    [Fact]
    public void The_stages_of_new_microservice_run_in_order_to_deployment_approved()
    {
        _scenario.Open("new-microservice");

        _scenario.ApprovedBy(Amara, Amara, Priya, Leo);
        Assert.Equal((GateState.Open, 4), (_scenario.Gate.State, _scenario.Gate.StageNumber));
        var last = _scenario.Approve(Sam).Decided();

        Assert.Equal(GateState.Approved, last.Gate.State);
        Assert.Equal([1, 2, 2, 3, 4], _scenario.Gate.SignOffs.Select(s => s.StageNumber));
        Assert.Contains("Deployment approved", last.Notices.OfType<GateAnnouncement>().Single().Text, StringComparison.Ordinal);
    }
}
