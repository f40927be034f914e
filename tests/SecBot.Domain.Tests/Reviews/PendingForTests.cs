namespace SecBot.Domain.Tests.Reviews;

using SecBot.Domain.Reviews;
using static SecBot.Domain.Tests.Reviews.GateScenario;

/// <summary>The <c>reviews</c> command: gates waiting on me.</summary>
public class PendingForTests
{
    [Fact]
    public void PendingFor_lists_the_open_gates_with_a_seat_of_their_current_stage_the_person_can_sign()
    {
        var waiting = Gate(1, "high-risk-deploy");
        var atLaterStage = Gate(2, "new-microservice");
        var filledByHannah = Gate(3, "threat-model", s => s.ApprovedBy(Hannah));
        var ownRequest = Gate(4, "detection-rules", by: Leo);
        var changesRequested = Gate(5, "detection-rules", s => s.Reject(Sam, "too noisy").Decided());
        var approved = Gate(6, "threat-model", s => s.ApprovedBy(Amara, Hannah, Priya));
        var alsoWaiting = Gate(7, "incident-postmortem");

        var pending = new GateScenario(Monday).Engine.PendingFor(
            [waiting, atLaterStage, filledByHannah, ownRequest, changesRequested, approved, alsoWaiting], Leo, Monday);

        Assert.Equal([("REV-1", "RedTeam"), ("REV-7", "RedTeam")], pending.Select(p => (p.Gate.Key, p.SeatIds.Single())));
    }

    [Fact]
    public void PendingFor_names_every_seat_the_person_could_sign()
    {
        var gate = new GateScenario(Monday, policy => policy.Roster.People.Single(p => p.Id == Priya).Roles.Add("SeniorSocEngineer"));
        gate.Open("high-risk-deploy");

        var pending = gate.Engine.PendingFor([gate.Gate], Priya, Monday);

        Assert.Equal(["SOC", "IRLead"], Assert.Single(pending).SeatIds);
    }

    [Fact]
    public void PendingFor_follows_a_gate_to_its_next_stage()
    {
        var scenario = new GateScenario(Monday);
        scenario.Open("new-microservice");
        Assert.Empty(scenario.Engine.PendingFor([scenario.Gate], Priya, Monday));

        scenario.ApprovedBy(Amara);

        Assert.Equal(["IRLead"], Assert.Single(scenario.Engine.PendingFor([scenario.Gate], Priya, Monday)).SeatIds);
    }

    private static Gate Gate(long number, string type, Action<GateScenario>? then = null, string by = Diego)
    {
        var scenario = new GateScenario(Monday);
        scenario.Open(type, by: by, number: number).Decided();
        then?.Invoke(scenario);
        return scenario.Gate;
    }
}
