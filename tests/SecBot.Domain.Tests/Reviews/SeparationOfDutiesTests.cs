namespace SecBot.Domain.Tests.Reviews;

using SecBot.Domain.Policy;
using SecBot.Domain.Reviews;
using static SecBot.Domain.Tests.Reviews.GateScenario;

/// <summary>policy.md, review gates, rule 2: separation of duties.</summary>
public class SeparationOfDutiesTests
{
    [Fact]
    public void The_requester_cannot_approve_their_own_gate()
    {
        var scenario = new GateScenario(Monday);
        scenario.Open("detection-rules", by: Sam);

        var refusal = scenario.Approve(Sam, "SOC").Refused();

        Assert.Contains("Separation of duties", refusal, StringComparison.Ordinal);
        Assert.Single(scenario.Decisions);
    }

    [Fact]
    public void The_requester_cannot_reject_their_own_gate()
    {
        var scenario = new GateScenario(Monday);
        scenario.Open("detection-rules", by: Sam);

        var refusal = scenario.Reject(Sam, "second thoughts").Refused();

        Assert.Contains("Separation of duties", refusal, StringComparison.Ordinal);
        Assert.Equal(GateState.Open, scenario.Gate.State);
    }

    [Fact]
    public void The_same_person_cannot_fill_two_required_seats_of_one_stage()
    {
        // Priya also covers the SOC seat: she holds both Incident Response Lead and Senior SOC Engineer.
        var scenario = new GateScenario(Monday, policy => Person(policy, Priya).Roles.Add("SeniorSocEngineer"));
        scenario.Open("high-risk-deploy");
        scenario.Approve(Priya, "IRLead").Decided();

        var named = scenario.Approve(Priya, "SOC").Refused();
        var unnamed = scenario.Approve(Priya).Refused();

        Assert.Contains("Separation of duties", named, StringComparison.Ordinal);
        Assert.Contains("Separation of duties", unnamed, StringComparison.Ordinal);
        Assert.Equal([("IRLead", Priya)], scenario.Gate.SignOffs.Select(s => (s.SeatId, s.PersonId)));
        Assert.Equal(Sam, scenario.Approve(Sam, "SOC").Decided().Gate.SignOffs[^1].PersonId);
    }

    [Fact]
    public void A_person_holding_two_seats_of_a_stage_is_asked_once_for_both()
    {
        var scenario = new GateScenario(Monday, policy => Person(policy, Priya).Roles.Add("SeniorSocEngineer"));

        var decision = scenario.Open("high-risk-deploy").Decided();

        var request = decision.Notices.OfType<ReviewRequestNotice>().Single(n => n.PersonId == Priya);
        Assert.Equal(["SOC", "IRLead"], request.SeatIds);
    }

    [Fact]
    public void A_manager_who_overrode_a_seat_cannot_also_sign_another_seat_of_the_stage()
    {
        // Raj, the SecEng manager, is also a Security Architect.
        var scenario = new GateScenario(Monday, policy => Person(policy, Raj).Roles.Add("SecurityArchitect"));
        scenario.Open("high-risk-deploy");
        scenario.Clock.Advance(TimeSpan.FromDays(3));
        scenario.Override(Raj, "RedTeam", "red team at a conference; the change was pentested last week").Decided();

        var refusal = scenario.Approve(Raj, "SecArch").Refused();

        Assert.Contains("Separation of duties", refusal, StringComparison.Ordinal);
    }

    [Fact]
    public void A_manager_who_signed_a_seat_cannot_also_override_another_seat_of_the_stage()
    {
        var scenario = new GateScenario(Monday, policy => Person(policy, Raj).Roles.Add("SecurityArchitect"));
        scenario.Open("high-risk-deploy");
        scenario.Approve(Raj, "SecArch").Decided();

        var refusal = scenario.Override(Raj, "RedTeam", "red team at a conference").Refused();

        Assert.StartsWith("You already filled Security Architecture at Stage 1 'Cross-team sign-off' of REV-1 (by approval)", refusal, StringComparison.Ordinal);
    }

    [Fact]
    public void A_filled_seat_cannot_be_signed_again_by_another_holder()
    {
        var scenario = new GateScenario(Monday);
        scenario.Open("high-risk-deploy");
        scenario.ApprovedBy(Hannah);

        var refusal = scenario.Approve(Leo).Refused();

        Assert.Contains("already signed by Hannah Weber", refusal, StringComparison.Ordinal);
    }

    private static PersonOptions Person(PolicyOptions policy, string id) => policy.Roster.People.Single(p => p.Id == id);
}
