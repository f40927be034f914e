namespace SecBot.Domain.Tests.Reviews;

using SecBot.Domain.Reviews;
using static SecBot.Domain.Tests.Reviews.GateOutcomes;
using static SecBot.Domain.Tests.Reviews.GateScenario;

/// <summary>policy.md, review gates, rule 6: a reminder after 24 h, the seat's team manager after 72 h.</summary>
public class ReviewTimerTests
{
    private readonly GateScenario _scenario = new(Monday);

    [Fact]
    public void After_24_hours_each_pending_required_reviewer_is_reminded()
    {
        _scenario.Open("high-risk-deploy");
        _scenario.ApprovedBy(Amara, Hannah);

        var (timer, decision) = Assert.Single(_scenario.AdvanceAndFireDueTimers(TimeSpan.FromHours(24)));

        Assert.Equal(ReviewTimerPurpose.Reminder, timer.Purpose);
        var reminders = decision!.Notices.OfType<ReviewReminderNotice>().ToList();
        Assert.Equal(Sorted([Maya, Sam, Priya]), Sorted(reminders.Select(r => r.PersonId)));
        Assert.All(reminders, r => Assert.Equal(TimeSpan.FromHours(24), r.Waiting));
        Assert.Equal(["IRLead"], reminders.Single(r => r.PersonId == Priya).SeatIds);
        Assert.Equal(GateEventKinds.Reminded, Assert.Single(decision.Events).Kind);
    }

    [Fact]
    public void Nothing_happens_before_the_reminder_is_due()
    {
        _scenario.Open("high-risk-deploy");

        Assert.Empty(_scenario.AdvanceAndFireDueTimers(TimeSpan.FromHours(23)));
    }

    [Fact]
    public void After_72_hours_the_pending_seats_team_managers_are_told()
    {
        _scenario.Open("high-risk-deploy");
        _scenario.ApprovedBy(Hannah);

        var fired = _scenario.AdvanceAndFireDueTimers(TimeSpan.FromHours(72));

        Assert.Equal([ReviewTimerPurpose.Reminder, ReviewTimerPurpose.ManagerNotice], fired.Select(f => f.Timer.Purpose));
        var alerts = fired[1].Decision!.Notices.OfType<ManagerAlertNotice>().ToDictionary(a => a.ManagerId);
        Assert.Equal(Sorted([Olivia, Raj]), Sorted(alerts.Keys));
        Assert.Equal(["SecArch"], alerts[Raj].PendingSeatIds);
        Assert.Equal(["SOC", "IRLead"], alerts[Olivia].PendingSeatIds);
        Assert.All(alerts.Values, a => Assert.Equal(TimeSpan.FromHours(72), a.Waiting));
        Assert.Contains("has waited 3 days", alerts[Olivia].Text, StringComparison.Ordinal);
        Assert.Contains("override", alerts[Olivia].Text, StringComparison.Ordinal);
    }

    [Fact]
    public void A_timer_of_a_stage_the_gate_has_moved_past_does_nothing()
    {
        _scenario.Open("new-microservice");
        var stage1 = _scenario.Timers[0];
        _scenario.ApprovedBy(Amara);

        Assert.Null(_scenario.Engine.OnTimer(_scenario.Gate, stage1, stage1.DueAt));
    }

    [Fact]
    public void A_timer_of_an_older_revision_does_nothing()
    {
        _scenario.Open("high-risk-deploy");
        var revision1 = _scenario.Timers[0];
        _scenario.Reject(Amara, "no rate limiting").Decided();
        _scenario.Resubmit(Diego, "changed the design").Decided();

        Assert.Null(_scenario.Engine.OnTimer(_scenario.Gate, revision1, revision1.DueAt));
    }

    [Fact]
    public void A_timer_of_a_gate_with_changes_requested_does_nothing()
    {
        _scenario.Open("high-risk-deploy");
        _scenario.Reject(Amara, "no rate limiting").Decided();

        Assert.All(_scenario.AdvanceAndFireDueTimers(TimeSpan.FromDays(4)), fired => Assert.Null(fired.Decision));
        Assert.Equal(2, _scenario.Decisions.Count);
    }

    [Fact]
    public void A_timer_of_an_approved_gate_does_nothing()
    {
        _scenario.Open("threat-model");
        _scenario.ApprovedBy(Amara, Leo, Priya);

        var fired = _scenario.AdvanceAndFireDueTimers(TimeSpan.FromDays(4));

        Assert.Equal(2, fired.Count);
        Assert.All(fired, f => Assert.Null(f.Decision));
    }

    [Fact]
    public void Only_the_current_stages_timers_fire_after_an_advance()
    {
        _scenario.Open("new-microservice");
        _scenario.Clock.Advance(TimeSpan.FromHours(12));
        _scenario.ApprovedBy(Amara);

        var fired = _scenario.AdvanceAndFireDueTimers(TimeSpan.FromHours(24));

        Assert.Equal([(1, false), (2, true)], fired.Select(f => (f.Timer.StageNumber, f.Decision is not null)));
        Assert.Equal(Sorted([Amara, Priya]), Sorted(fired[1].Decision!.Notices.OfType<ReviewReminderNotice>().Select(r => r.PersonId)));
    }

    [Fact]
    public void The_requester_is_not_reminded_of_their_own_gate()
    {
        _scenario.Open("detection-rules", by: Sam);

        var (_, decision) = Assert.Single(_scenario.AdvanceAndFireDueTimers(TimeSpan.FromHours(24)));

        Assert.Equal(Sorted([Hannah, Leo, Maya]), Sorted(decision!.Notices.OfType<ReviewReminderNotice>().Select(r => r.PersonId)));
    }
}
