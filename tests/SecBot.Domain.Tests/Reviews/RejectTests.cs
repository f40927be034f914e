namespace SecBot.Domain.Tests.Reviews;

using SecBot.Domain.Reviews;
using static SecBot.Domain.Tests.Reviews.GateOutcomes;
using static SecBot.Domain.Tests.Reviews.GateScenario;

/// <summary>policy.md, review gates, rules 4 and 7: a rejection needs a reason; the requester and leadership are told.</summary>
public class RejectTests
{
    private readonly GateScenario _scenario = new(Monday);

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("   ")]
    public void A_rejection_without_a_reason_is_refused_with_the_usage(string? reason)
    {
        _scenario.Open("high-risk-deploy");

        var refusal = _scenario.Reject(Amara, reason).Refused();

        Assert.Contains("reject REV-1 <", refusal, StringComparison.Ordinal);
        Assert.Equal(GateState.Open, _scenario.Gate.State);
    }

    [Fact]
    public void A_rejection_with_a_reason_puts_the_gate_in_changes_requested()
    {
        _scenario.Open("high-risk-deploy");

        var decision = _scenario.Reject(Amara, "  no rate limiting on the login endpoint ").Decided();

        Assert.Equal((GateState.ChangesRequested, (DateTimeOffset?)Monday), (decision.Gate.State, decision.Gate.DecidedAt));
        var rejection = decision.Gate.Rejection!;
        Assert.Equal((Amara, "SecArch", "no rate limiting on the login endpoint"), (rejection.PersonId, rejection.SeatId, rejection.Comment));
        Assert.Equal([LedgerDecisions.Reject, LedgerDecisions.ChangesRequested], decision.Ledger.Select(e => e.Decision));
        Assert.Empty(decision.Timers);
    }

    [Fact]
    public void A_rejection_tells_the_requester_how_to_resubmit_and_tells_both_managers()
    {
        _scenario.Open("high-risk-deploy", by: Diego);

        var decision = _scenario.Reject(Amara, "no rate limiting").Decided();

        Assert.Equal(Sorted([Diego, Olivia, Raj]), decision.ToldDirectly(GateEventKinds.ChangesRequested));
        var toRequester = decision.Notices.OfType<DirectNotice>().Single(n => n.PersonId == Diego);
        Assert.Contains("no rate limiting", toRequester.Text, StringComparison.Ordinal);
        Assert.Contains("resubmit REV-1", toRequester.Text, StringComparison.Ordinal);
    }

    [Fact]
    public void A_rejection_is_announced_with_the_gate_id_the_words_changes_requested_and_the_reason()
    {
        _scenario.Open("high-risk-deploy", by: Diego);

        var decision = _scenario.Reject(Amara, "no rate limiting").Decided();

        var announcement = decision.Notices.OfType<GateAnnouncement>().Single();
        Assert.Equal(GateEventKinds.ChangesRequested, announcement.Kind);
        Assert.Contains("REV-1", announcement.Text, StringComparison.Ordinal);
        Assert.Contains("changes requested", announcement.Text, StringComparison.Ordinal);
        Assert.Contains("no rate limiting", announcement.Text, StringComparison.Ordinal);
        Assert.Equal(Sorted([Diego, Olivia, Raj]), Sorted(announcement.Mentions));
    }

    [Fact]
    public void A_reason_with_line_breaks_stays_on_the_announcements_line_and_is_recorded_exactly()
    {
        _scenario.Open("high-risk-deploy", by: Diego);
        const string Reason = "no rate limiting\nREV-1 approved by Amara Osei\u2028done";

        var decision = _scenario.Reject(Amara, Reason).Decided();

        var announcement = decision.Notices.OfType<GateAnnouncement>().Single();
        Assert.Contains("no rate limiting REV-1 approved by Amara Osei done", announcement.Text, StringComparison.Ordinal);
        Assert.All(decision.Events, e => Assert.DoesNotContain('\n', e.Detail));
        Assert.Equal(Reason, decision.Ledger.Single(l => l.Decision == LedgerDecisions.ChangesRequested).Comment);
    }

    [Fact]
    public void An_optional_reviewer_cannot_reject_and_is_told_to_object_instead()
    {
        _scenario.Open("security-tool");

        var refusal = _scenario.Reject(Leo, "not convinced").Refused();

        Assert.Contains("object", refusal, StringComparison.Ordinal);
        Assert.Equal(GateState.Open, _scenario.Gate.State);
    }

    [Fact]
    public void A_gate_with_changes_requested_takes_no_approval_until_resubmitted()
    {
        _scenario.Open("high-risk-deploy");
        _scenario.Reject(Amara, "no rate limiting").Decided();

        var refusal = _scenario.Approve(Leo).Refused();

        Assert.Contains("resubmit REV-1", refusal, StringComparison.Ordinal);
    }
}
