namespace SecBot.Domain.Tests.Reviews;

using SecBot.Domain.Reviews;
using static SecBot.Domain.Tests.Reviews.GateScenario;

/// <summary>policy.md, review gates, rule 5: optional reviewers approve, comment or object, and never block.</summary>
public class OptionalReviewTests
{
    private readonly GateScenario _scenario = new(Monday);

    [Fact]
    public void Optional_seats_never_block_approval()
    {
        _scenario.Open("security-tool", by: Kenji);

        _scenario.ApprovedBy(Amara, Sam);

        Assert.Equal(GateState.Approved, _scenario.Gate.State);
        Assert.DoesNotContain(_scenario.Gate.SignOffs, s => s.SeatId is "RedTeam" or "IRLead");
    }

    [Fact]
    public void An_optional_approval_is_recorded_without_filling_a_required_seat()
    {
        _scenario.Open("security-tool", by: Kenji);

        var decision = _scenario.Approve(Leo).Decided();

        var signOff = decision.Gate.SignOffs.Single();
        Assert.Equal(("RedTeam", SignOffDecision.Approve, true, false), (signOff.SeatId, signOff.Decision, signOff.IsOptionalSeat, signOff.FillsRequiredSeat));
        Assert.Equal(GateState.Open, decision.Gate.State);
    }

    [Fact]
    public void An_optional_objection_is_recorded_sent_to_the_requester_and_shown()
    {
        _scenario.Open("security-tool", by: Kenji);

        var decision = _scenario.Object(Priya, " no runbook for when the agent crashes ").Decided();

        var objection = Assert.Single(decision.Gate.Objections);
        Assert.Equal((Priya, "IRLead", SignOffDecision.Object, "no runbook for when the agent crashes"), (objection.PersonId, objection.SeatId, objection.Decision, objection.Comment));
        Assert.Equal(LedgerDecisions.Object, decision.Ledger.Single().Decision);
        var notice = Assert.Single(decision.Notices.OfType<DirectNotice>());
        Assert.Equal((Kenji, GateEventKinds.Objected), (notice.PersonId, notice.Kind));
        Assert.Contains("no runbook for when the agent crashes", notice.Text, StringComparison.Ordinal);
        Assert.Equal(GateState.Open, decision.Gate.State);
    }

    [Fact]
    public void An_optional_objection_does_not_stop_the_gate_being_approved()
    {
        _scenario.Open("security-tool", by: Kenji);
        _scenario.Object(Priya, "no runbook").Decided();

        _scenario.ApprovedBy(Amara, Sam);

        Assert.Equal(GateState.Approved, _scenario.Gate.State);
        Assert.Single(_scenario.Gate.Objections);
    }

    [Fact]
    public void An_optional_comment_is_recorded_and_sent_to_the_requester()
    {
        _scenario.Open("detection-rules", by: Sam);

        var decision = _scenario.Comment(Amara, "consider the MITRE T1078 mapping").Decided();

        var comment = decision.Gate.SignOffs.Single();
        Assert.Equal((SignOffDecision.Comment, "SecArch", true), (comment.Decision, comment.SeatId, comment.IsOptionalSeat));
        var notice = decision.Notices.OfType<DirectNotice>().Single();
        Assert.Equal((Sam, GateEventKinds.Commented), (notice.PersonId, notice.Kind));
        Assert.Contains("consider the MITRE T1078 mapping", notice.Text, StringComparison.Ordinal);
        Assert.Empty(decision.Gate.Objections);
    }

    [Fact]
    public void Optional_reviewers_may_speak_while_a_later_stage_is_open()
    {
        _scenario.Open("security-tool", by: Kenji);
        _scenario.ApprovedBy(Amara);

        var decision = _scenario.Object(Hannah, "the agent runs as root").Decided();

        Assert.Single(decision.Gate.Objections);
    }

    [Fact]
    public void An_objection_needs_text()
    {
        _scenario.Open("security-tool", by: Kenji);

        var refusal = _scenario.Object(Priya, "  ").Refused();

        Assert.Contains("REV-1", refusal, StringComparison.Ordinal);
        Assert.Empty(_scenario.Gate.SignOffs);
    }

    [Fact]
    public void A_required_only_reviewer_cannot_object()
    {
        _scenario.Open("security-tool", by: Kenji);

        var refusal = _scenario.Object(Amara, "too expensive").Refused();

        Assert.Contains("Only optional reviewers of REV-1", refusal, StringComparison.Ordinal);
    }

    [Fact]
    public void Optional_reviewers_cannot_speak_once_the_gate_is_approved()
    {
        _scenario.Open("security-tool", by: Kenji);
        _scenario.ApprovedBy(Amara, Sam);

        var refusal = _scenario.Object(Priya, "late thought").Refused();

        Assert.Contains("already approved", refusal, StringComparison.Ordinal);
    }

    [Fact]
    public void A_gate_type_without_optional_seats_takes_no_objections()
    {
        _scenario.Open("high-risk-deploy");

        var refusal = _scenario.Object(Amara, "too risky").Refused();

        Assert.Contains("REV-1 has no optional reviewers", refusal, StringComparison.Ordinal);
    }
}
