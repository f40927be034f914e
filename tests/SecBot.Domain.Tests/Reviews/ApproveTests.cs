namespace SecBot.Domain.Tests.Reviews;

using SecBot.Domain.Reviews;
using static SecBot.Domain.Tests.Reviews.GateScenario;

public class ApproveTests
{
    private readonly GateScenario _scenario = new(Monday);

    [Fact]
    public void An_approval_may_carry_a_comment_which_is_kept_on_the_sign_off_and_the_ledger()
    {
        _scenario.Open("threat-model");

        var decision = _scenario.Approve(Amara, comment: "  STRIDE covered; see doc  ").Decided();

        var signOff = decision.Gate.SignOffs.Single();
        Assert.Equal((SignOffDecision.Approve, "STRIDE covered; see doc"), (signOff.Decision, signOff.Comment));
        var row = decision.Ledger.Single();
        Assert.Equal((LedgerDecisions.Approve, "STRIDE covered; see doc", false), (row.Decision, row.Comment, row.IsOverride));
    }

    [Fact]
    public void An_approval_without_a_comment_records_none()
    {
        _scenario.Open("threat-model");

        var decision = _scenario.Approve(Amara, comment: " ").Decided();

        Assert.Null(decision.Gate.SignOffs.Single().Comment);
    }

    [Fact]
    public void Without_a_seat_named_an_approval_goes_on_the_reviewers_pending_seat()
    {
        _scenario.Open("threat-model", number: 3);

        var decision = _scenario.Approve(Leo).Decided();

        var signOff = decision.Gate.SignOffs.Single();
        Assert.Equal((1, 1, "RedTeam", Leo, "RedTeamEngineer", Slack, Monday, false),
            (signOff.Revision, signOff.StageNumber, signOff.SeatId, signOff.PersonId, signOff.RoleHeld, signOff.Platform, signOff.At, signOff.IsOptionalSeat));
        var row = decision.Ledger.Single();
        Assert.Equal((3L, 1, 1, "RedTeam", Leo, "RedTeamEngineer", LedgerDecisions.Approve, Monday),
            (row.GateNumber, row.Revision, row.StageNumber, row.SeatId, row.PersonId, row.RoleHeld, row.Decision, row.At));
    }

    [Fact]
    public void Someone_holding_no_seat_of_the_gate_is_refused_with_what_the_stage_needs()
    {
        _scenario.Open("threat-model", by: Leo);

        var refusal = _scenario.Approve(Kenji).Refused();

        Assert.Contains("Security Architecture (Security Architect)", refusal, StringComparison.Ordinal);
        Assert.Contains("you held Security Tool Engineer", refusal, StringComparison.Ordinal);
    }

    [Fact]
    public void Every_decision_moves_the_gate_version_on_by_one()
    {
        var opened = _scenario.Open("threat-model").Decided();
        var approved = _scenario.Approve(Amara).Decided();

        Assert.Equal((1, 2), (opened.Gate.Version, approved.Gate.Version));
    }

    [Fact]
    public void Approving_twice_records_one_sign_off()
    {
        _scenario.Open("threat-model");
        _scenario.ApprovedBy(Amara);

        var refusal = _scenario.Approve(Amara).Refused();

        Assert.Contains("You already approved Security Architecture on REV-1; nothing was recorded", refusal, StringComparison.Ordinal);
        Assert.Single(_scenario.Gate.SignOffs);
    }

    [Fact]
    public void Naming_a_seat_the_gate_does_not_have_is_refused_listing_its_seats()
    {
        _scenario.Open("threat-model");

        var refusal = _scenario.Approve(Amara, "Legal").Refused();

        Assert.Contains("REV-1 has no seat 'Legal'; its seats are SecArch, RedTeam, IRLead, SOC", refusal, StringComparison.Ordinal);
    }
}
