namespace SecBot.Domain.Tests.Reviews;

using SecBot.Domain.Reviews;
using static SecBot.Domain.Tests.Reviews.GateOutcomes;
using static SecBot.Domain.Tests.Reviews.GateScenario;

/// <summary>policy.md, review gates, rule 4: a resubmission is a new revision, restarted at stage 1.</summary>
public class ResubmitTests
{
    private readonly GateScenario _scenario = new(Monday);

    [Fact]
    public void Resubmitting_starts_the_next_revision_at_stage_1_and_asks_its_reviewers_again()
    {
        _scenario.Open("new-microservice", by: Diego);
        _scenario.ApprovedBy(Amara, Amara, Priya);
        _scenario.Reject(Leo, "SSRF in the image fetcher").Decided();
        _scenario.Clock.Advance(TimeSpan.FromDays(2));

        var decision = _scenario.Resubmit(Diego, "fetcher now allow-lists hosts").Decided();

        Assert.Equal((GateState.Open, 2, 1, _scenario.Now), (decision.Gate.State, decision.Gate.Revision, decision.Gate.StageNumber, decision.Gate.StageOpenedAt));
        Assert.Null(decision.Gate.DecidedAt);
        Assert.Equal([Amara], decision.ReviewersAsked());
        Assert.All(decision.Timers, t => Assert.Equal((2, 1), (t.Revision, t.StageNumber)));
        Assert.Equal(2, decision.Timers.Count);
    }

    [Fact]
    public void Resubmitting_marks_the_older_sign_offs_stale_but_keeps_them()
    {
        _scenario.Open("high-risk-deploy");
        _scenario.ApprovedBy(Amara, Hannah);
        _scenario.Reject(Sam, "no alert on failed logins").Decided();

        var decision = _scenario.Resubmit(Diego).Decided();

        Assert.Equal(3, decision.Gate.SignOffs.Count);
        Assert.All(decision.Gate.SignOffs, s => Assert.True(s.IsStale && s.Revision == 1));
        Assert.Empty(decision.Gate.CurrentSignOffs);
        Assert.Null(decision.Gate.Rejection);
        Assert.Equal(new StaleSignOffs(1, 2), decision.Stale);
        var row = decision.Ledger.Single();
        Assert.Equal((LedgerDecisions.Resubmitted, Diego, 2), (row.Decision, row.PersonId, row.Revision));
    }

    [Fact]
    public void A_reviewer_who_approved_the_old_revision_signs_the_new_one_again()
    {
        _scenario.Open("high-risk-deploy");
        _scenario.ApprovedBy(Amara);
        _scenario.Reject(Sam, "no alert on failed logins").Decided();
        _scenario.Resubmit(Diego).Decided();

        var decision = _scenario.Approve(Amara).Decided();

        Assert.Equal((2, false), (decision.Gate.SignOffs[^1].Revision, decision.Gate.SignOffs[^1].IsStale));
        Assert.Equal(GateState.Open, decision.Gate.State);
    }

    [Fact]
    public void Only_the_requester_can_resubmit()
    {
        _scenario.Open("high-risk-deploy", by: Diego);
        _scenario.Reject(Amara, "no rate limiting").Decided();

        var refusal = _scenario.Resubmit(Olivia).Refused();

        Assert.Contains("Only Diego Alvarez, who requested REV-1, can resubmit it", refusal, StringComparison.Ordinal);
        Assert.Equal(GateState.ChangesRequested, _scenario.Gate.State);
    }

    [Fact]
    public void An_approved_gate_cannot_be_resubmitted()
    {
        _scenario.Open("threat-model");
        _scenario.ApprovedBy(Amara, Leo, Priya);

        var refusal = _scenario.Resubmit(Diego).Refused();

        Assert.Contains("already approved", refusal, StringComparison.Ordinal);
    }

    [Fact]
    public void A_gate_without_changes_requested_cannot_be_resubmitted_and_nobody_is_asked_again()
    {
        _scenario.Open("high-risk-deploy", by: Diego);
        _scenario.ApprovedBy(Amara);

        var refusal = _scenario.Resubmit(Diego, "small tweak").Refused();

        Assert.StartsWith("REV-1 has no changes requested: its reviewers are still reviewing revision 1", refusal, StringComparison.Ordinal);
        Assert.Contains("reject REV-1 <reason>", refusal, StringComparison.Ordinal);
        Assert.Equal((1, GateState.Open, 1), (_scenario.Gate.Revision, _scenario.Gate.State, _scenario.Gate.SignOffs.Count));
    }
}
