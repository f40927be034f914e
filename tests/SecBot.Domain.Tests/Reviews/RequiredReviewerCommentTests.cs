namespace SecBot.Domain.Tests.Reviews;

using SecBot.Domain.Reviews;
using static SecBot.Domain.Tests.Reviews.GateScenario;

/// <summary>
/// A required reviewer's comment is its own action, so approving never needs a form: it is recorded on their seat,
/// signs nothing, and goes to the requester.
/// </summary>
public class RequiredReviewerCommentTests
{
    private readonly GateScenario _scenario = new(Monday);

    [Fact]
    public void A_required_reviewers_comment_is_recorded_on_their_seat_signs_nothing_and_goes_to_the_requester()
    {
        _scenario.Open("new-microservice", by: Diego);

        var decision = _scenario.Comment(Amara, "which queue does it read?").Decided();

        var signOff = decision.Gate.SignOffs.Single();
        Assert.Equal(("SecArch", SignOffDecision.Comment, false, false), (signOff.SeatId, signOff.Decision, signOff.IsOptionalSeat, signOff.FillsRequiredSeat));
        Assert.Equal((1, GateState.Open), (decision.Gate.StageNumber, decision.Gate.State));
        var told = decision.Notices.OfType<DirectNotice>().Single();
        Assert.Equal((Diego, GateEventKinds.Commented), (told.PersonId, told.Kind));
        Assert.Contains("Amara Osei (Security Architecture) commented — which queue does it read?", told.Text, StringComparison.Ordinal);
        Assert.Equal(LedgerDecisions.Comment, decision.Ledger.Single().Decision);
    }

    [Fact]
    public void A_required_reviewer_can_still_approve_after_commenting()
    {
        _scenario.Open("new-microservice", by: Diego);
        _scenario.Comment(Amara, "which queue does it read?").Decided();

        var decision = _scenario.Approve(Amara).Decided();

        Assert.Equal(2, decision.Gate.StageNumber);
    }

    [Fact]
    public void Someone_who_reviews_nothing_on_the_gate_cannot_comment()
    {
        _scenario.Open("new-microservice", by: Diego);

        var refusal = _scenario.Comment(Kenji, "looks fine").Refused();

        Assert.StartsWith("Only the reviewers of Stage 1 'Threat model & design review' of REV-1 (Security Architecture) comment on it", refusal, StringComparison.Ordinal);
        Assert.Empty(_scenario.Gate.SignOffs);
    }

    [Fact]
    public void An_optional_reviewer_still_comments_as_optional()
    {
        _scenario.Open("security-tool", by: Kenji);

        var signOff = _scenario.Comment(Leo, "scan the container too").Decided().Gate.SignOffs.Single();

        Assert.Equal(("RedTeam", true), (signOff.SeatId, signOff.IsOptionalSeat));
    }
}
