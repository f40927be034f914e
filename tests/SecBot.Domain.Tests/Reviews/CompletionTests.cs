namespace SecBot.Domain.Tests.Reviews;

using SecBot.Domain.Reviews;
using static SecBot.Domain.Tests.Reviews.GateOutcomes;
using static SecBot.Domain.Tests.Reviews.GateScenario;

/// <summary>policy.md, review gates, rule 7: all required seats of the last stage approve the gate; people are told.</summary>
public class CompletionTests
{
    private readonly GateScenario _scenario = new(Monday);

    [Fact]
    public void Every_required_seat_of_the_last_stage_signed_approves_the_gate()
    {
        _scenario.Open("high-risk-deploy");
        _scenario.ApprovedBy(Amara, Hannah, Sam);
        Assert.Equal(GateState.Open, _scenario.Gate.State);
        _scenario.Clock.Advance(TimeSpan.FromHours(3));

        var decision = _scenario.Approve(Priya).Decided();

        Assert.Equal((GateState.Approved, (DateTimeOffset?)_scenario.Now, 1), (decision.Gate.State, decision.Gate.DecidedAt, decision.Gate.StageNumber));
        Assert.Contains(decision.Events, e => e.Kind == GateEventKinds.Approved);
        Assert.Empty(decision.Timers);
    }

    [Fact]
    public void Approval_tells_the_requester_and_both_managers_directly()
    {
        _scenario.Open("high-risk-deploy", by: Diego);
        _scenario.ApprovedBy(Amara, Hannah, Sam);

        var decision = _scenario.Approve(Priya).Decided();

        Assert.Equal(Sorted([Diego, Olivia, Raj]), decision.ToldDirectly(GateEventKinds.Approved));
    }

    [Fact]
    public void Approval_is_announced_in_the_incidents_channel_with_the_gate_id_and_the_word_approved()
    {
        _scenario.Open("high-risk-deploy", by: Diego, title: "Payments API");
        _scenario.ApprovedBy(Amara, Hannah, Sam);

        var decision = _scenario.Approve(Priya).Decided();

        var announcement = Assert.Single(decision.Notices.OfType<GateAnnouncement>());
        Assert.Equal(GateEventKinds.Approved, announcement.Kind);
        Assert.Contains("REV-1 approved", announcement.Text, StringComparison.Ordinal);
        Assert.Contains("Payments API", announcement.Text, StringComparison.Ordinal);
        Assert.Equal(Sorted([Diego, Olivia, Raj]), Sorted(announcement.Mentions));
        Assert.Same(decision.Gate, announcement.Gate);
    }

    [Fact]
    public void A_manager_who_requested_the_gate_is_told_once()
    {
        _scenario.Open("high-risk-deploy", by: Olivia);
        _scenario.ApprovedBy(Amara, Hannah, Sam);

        var decision = _scenario.Approve(Priya).Decided();

        Assert.Equal(Sorted([Olivia, Raj]), decision.ToldDirectly(GateEventKinds.Approved));
    }

    [Fact]
    public void Approval_appends_a_gate_approved_row_to_the_ledger()
    {
        _scenario.Open("high-risk-deploy");
        _scenario.ApprovedBy(Amara, Hannah, Sam);

        var decision = _scenario.Approve(Priya).Decided();

        Assert.Equal([LedgerDecisions.Approve, LedgerDecisions.GateApproved], decision.Ledger.Select(e => e.Decision));
        var row = decision.Ledger[^1];
        Assert.Equal((LedgerEntry.WholeGate, Priya, "IncidentResponseLead", 1, false), (row.SeatId, row.PersonId, row.RoleHeld, row.Revision, row.IsOverride));
        Assert.Equal("Deployment approved", row.Comment);
    }

    [Fact]
    public void An_approved_gate_takes_no_more_sign_offs()
    {
        _scenario.Open("threat-model");
        _scenario.ApprovedBy(Amara, Leo, Priya);

        var refusal = _scenario.Approve(Hannah).Refused();

        Assert.Contains("REV-1 is already approved", refusal, StringComparison.Ordinal);
    }
}
