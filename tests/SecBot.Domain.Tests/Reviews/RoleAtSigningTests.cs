namespace SecBot.Domain.Tests.Reviews;

using SecBot.Domain.Reviews;
using static SecBot.Domain.Tests.Reviews.GateOutcomes;
using static SecBot.Domain.Tests.Reviews.GateScenario;

/// <summary>
/// policy.md, review gates, rule 3: only a person holding one of the seat's roles at signing time signs it.
/// The shipped roster rotates maya and amara on Thu 1 Jan: maya was the Security Architect until 2025-12-31.
/// </summary>
public class RoleAtSigningTests
{
    private readonly GateScenario _scenario = new(BeforeRotation);

    [Fact]
    public void A_seat_is_put_to_whoever_holds_its_role_on_the_day()
    {
        var before = _scenario.Open("new-microservice").Decided();
        var after = new GateScenario(AfterRotation).Open("new-microservice").Decided();

        Assert.Equal([Maya], before.ReviewersAsked());
        Assert.Equal([Amara], after.ReviewersAsked());
    }

    [Fact]
    public void After_a_rotation_the_former_holder_is_refused_and_the_new_holder_accepted()
    {
        _scenario.Open("threat-model");
        _scenario.Clock.SetUtcNow(AfterRotation);

        var refusal = _scenario.Approve(Maya, "SecArch").Refused();
        var signed = _scenario.Approve(Amara, "SecArch").Decided();

        Assert.Contains("Only a Security Architect can sign Security Architecture", refusal, StringComparison.Ordinal);
        Assert.Contains("on Fri 2 Jan you held Senior SOC Engineer", refusal, StringComparison.Ordinal);
        Assert.Equal((Amara, "SecurityArchitect"), (signed.Gate.SignOffs[^1].PersonId, signed.Gate.SignOffs[^1].RoleHeld));
    }

    [Fact]
    public void Before_the_rotation_the_new_holder_cannot_sign_yet()
    {
        _scenario.Open("threat-model");

        var refusal = _scenario.Approve(Amara, "SecArch").Refused();

        Assert.Contains("on Wed 31 Dec you held Senior SOC Engineer", refusal, StringComparison.Ordinal);
    }

    [Fact]
    public void A_sign_off_records_the_role_held_on_the_day_of_signing()
    {
        _scenario.Open("new-microservice", by: Diego);
        _scenario.ApprovedBy(Maya);                       // stage 1, as Security Architect
        _scenario.Clock.SetUtcNow(AfterRotation);
        _scenario.ApprovedBy(Amara, Priya, Leo);          // stages 2 and 3

        var last = _scenario.Approve(Maya).Decided();     // stage 4, as Senior SOC Engineer

        var maya = _scenario.Gate.SignOffs.Where(s => s.PersonId == Maya).Select(s => (s.StageNumber, s.SeatId, s.RoleHeld));
        Assert.Equal([(1, "SecArch", "SecurityArchitect"), (4, "SOC", "SeniorSocEngineer")], maya);
        Assert.Equal(
            ["SecurityArchitect", "SeniorSocEngineer"],
            _scenario.Ledger.Where(e => e.PersonId == Maya && e.SeatId.Length > 0).Select(e => e.RoleHeld));
        Assert.Equal(GateState.Approved, last.Gate.State);
    }
}
