namespace SecBot.Domain.Tests.Reviews;

using SecBot.Domain.Reviews;
using static SecBot.Domain.Tests.Reviews.GateScenario;

/// <summary>policy.md, review gates, rule 6: a manager may override a seat, with a reason, marked as such everywhere.</summary>
public class OverrideTests
{
    private const string Reason = "red team is at a conference; pentested last week";

    private readonly GateScenario _scenario = new(Monday);

    [Theory]
    [InlineData(Amara)]
    [InlineData(Hannah)]
    [InlineData("elena")]
    public void Only_a_manager_can_override_a_seat(string person)
    {
        _scenario.Open("high-risk-deploy");

        var refusal = _scenario.Override(person, "RedTeam", Reason).Refused();

        Assert.Contains("Only a Security Operations Manager or Security Engineering Manager", refusal, StringComparison.Ordinal);
        Assert.Empty(_scenario.Gate.SignOffs);
    }

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("  ")]
    public void An_override_needs_a_reason(string? reason)
    {
        _scenario.Open("high-risk-deploy");

        var refusal = _scenario.Override(Raj, "RedTeam", reason).Refused();

        Assert.Contains("An override needs a reason", refusal, StringComparison.Ordinal);
        Assert.Empty(_scenario.Gate.SignOffs);
    }

    [Fact]
    public void An_override_fills_the_seat_and_is_marked_as_an_override_in_the_ledger()
    {
        _scenario.Open("high-risk-deploy");
        AtManagerNotice();

        var decision = _scenario.Override(Raj, "RedTeam", Reason).Decided();

        var signOff = decision.Gate.SignOffs.Single();
        Assert.Equal(("RedTeam", Raj, "SecEngManager", SignOffDecision.Override, Reason, true),
            (signOff.SeatId, signOff.PersonId, signOff.RoleHeld, signOff.Decision, signOff.Comment, signOff.FillsRequiredSeat));
        var row = decision.Ledger.Single();
        Assert.Equal((LedgerDecisions.Override, true, Reason), (row.Decision, row.IsOverride, row.Comment));
    }

    [Fact]
    public void An_override_is_announced_as_an_override_and_sent_to_the_requester()
    {
        _scenario.Open("high-risk-deploy", by: Diego);
        AtManagerNotice();

        var decision = _scenario.Override(Raj, "RedTeam", Reason).Decided();

        var announcement = decision.Notices.OfType<GateAnnouncement>().Single();
        Assert.Contains("override by Raj Iyer", announcement.Text, StringComparison.Ordinal);
        Assert.Contains(Reason, announcement.Text, StringComparison.Ordinal);
        Assert.Equal(Diego, decision.Notices.OfType<DirectNotice>().Single(n => n.Kind == GateEventKinds.Overridden).PersonId);
    }

    [Fact]
    public void A_gate_completed_by_an_override_is_approved_with_the_override_marked_in_the_ledger_and_the_announcement()
    {
        _scenario.Open("high-risk-deploy");
        _scenario.ApprovedBy(Amara, Sam, Priya);
        AtManagerNotice();

        var decision = _scenario.Override(Olivia, "RedTeam", Reason).Decided();

        Assert.Equal(GateState.Approved, decision.Gate.State);
        var approvedRow = decision.Ledger.Single(e => e.Decision == LedgerDecisions.GateApproved);
        Assert.True(approvedRow.IsOverride);
        var approved = decision.Notices.OfType<GateAnnouncement>().Single(a => a.Kind == GateEventKinds.Approved);
        Assert.Contains("REV-1 approved", approved.Text, StringComparison.Ordinal);
        Assert.Contains("override by Olivia Grant for Red Team", approved.Text, StringComparison.Ordinal);
    }

    [Fact]
    public void A_later_approval_still_marks_the_gate_approval_as_overridden()
    {
        _scenario.Open("high-risk-deploy");
        AtManagerNotice();
        _scenario.Override(Olivia, "RedTeam", Reason).Decided();
        _scenario.ApprovedBy(Amara, Sam);

        var decision = _scenario.Approve(Priya).Decided();

        Assert.True(decision.Ledger.Single(e => e.Decision == LedgerDecisions.GateApproved).IsOverride);
        Assert.Contains("override by Olivia Grant", decision.Notices.OfType<GateAnnouncement>().Single().Text, StringComparison.Ordinal);
    }

    [Fact]
    public void An_override_of_a_seat_that_is_not_pending_is_refused_listing_the_pending_seats()
    {
        _scenario.Open("high-risk-deploy");
        _scenario.ApprovedBy(Hannah);

        var refusal = _scenario.Override(Raj, "RedTeam", Reason).Refused();

        Assert.Contains("pending: SecArch, SOC, IRLead", refusal, StringComparison.Ordinal);
    }

    [Fact]
    public void An_override_is_refused_while_someone_eligible_can_still_sign_the_seat_naming_them()
    {
        _scenario.Open("high-risk-deploy");
        _scenario.Clock.Advance(TimeSpan.FromMinutes(5));

        var refusal = _scenario.Override(Raj, "RedTeam", Reason).Refused();

        Assert.Contains("Red Team at Stage 1 'Cross-team sign-off' of REV-1 can still be signed by Leo Novak, Hannah Weber", refusal, StringComparison.Ordinal);
        Assert.Contains("Thu 5 Mar 10:00 UTC", refusal, StringComparison.Ordinal);
        Assert.Empty(_scenario.Gate.SignOffs);
    }

    [Fact]
    public void An_override_is_allowed_at_the_manager_notice_even_though_reviewers_exist()
    {
        _scenario.Open("high-risk-deploy");
        _scenario.Clock.Advance(TimeSpan.FromDays(3) - TimeSpan.FromSeconds(1));
        _scenario.Override(Raj, "RedTeam", Reason).Refused();

        _scenario.Clock.Advance(TimeSpan.FromSeconds(1));

        Assert.Equal(SignOffDecision.Override, _scenario.Override(Raj, "RedTeam", Reason).Decided().Gate.SignOffs.Single().Decision);
    }

    [Fact]
    public void A_seat_nobody_eligible_can_sign_may_be_overridden_at_once()
    {
        // runbook-update needs the Senior Red Team Engineer; Hannah, the only one, requested it, so nobody can sign it.
        _scenario.Open("runbook-update", by: Hannah);

        var decision = _scenario.Override(Raj, "SeniorRedTeam", Reason).Decided();

        Assert.Equal(("SeniorRedTeam", SignOffDecision.Override), (decision.Gate.SignOffs.Single().SeatId, decision.Gate.SignOffs.Single().Decision));
    }

    [Fact]
    public void A_manager_who_already_filled_a_seat_is_told_so_and_not_sent_to_another_manager()
    {
        _scenario.Open("high-risk-deploy");
        AtManagerNotice();
        _scenario.Override(Raj, "RedTeam", Reason).Decided();

        var refusal = _scenario.Override(Raj, "SOC", Reason).Refused();

        Assert.StartsWith("You already filled Red Team at Stage 1 'Cross-team sign-off' of REV-1 (by override)", refusal, StringComparison.Ordinal);
        Assert.DoesNotContain("another manager", refusal, StringComparison.Ordinal);
    }

    private void AtManagerNotice() => _scenario.Clock.Advance(TimeSpan.FromDays(3));
}
