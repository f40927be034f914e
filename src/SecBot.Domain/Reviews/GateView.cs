using SecBot.Domain.Policy;
using RosterModel = SecBot.Domain.Roster.Roster;

namespace SecBot.Domain.Reviews;

/// <summary>
/// One gate read against its type and the roster: the current stage, who filled which seat, who may sign. The one
/// place these rules live: the engine decides with it, and the chat layer's cards and replies read it.
/// </summary>
public sealed class GateView
{
    private static readonly StringComparer Ids = StringComparer.OrdinalIgnoreCase;
    private readonly ReviewPolicy _policy;
    private readonly RosterModel _roster;

    internal GateView(Gate gate, GateTypeOptions type, ReviewPolicy policy, RosterModel roster)
    {
        Gate = gate;
        Type = type;
        _policy = policy;
        _roster = roster;
    }

    /// <summary>The gate read against its type; null when the type is gone from the policy.</summary>
    public static GateView? Of(Gate gate, ReviewPolicy policy, RosterModel roster)
    {
        ArgumentNullException.ThrowIfNull(gate);
        ArgumentNullException.ThrowIfNull(policy);
        return policy.FindType(gate.Type) is { } type ? new GateView(gate, type, policy, roster) : null;
    }

    public Gate Gate { get; }
    public GateTypeOptions Type { get; }

    public bool IsLastStage => Gate.StageNumber >= Type.Stages.Count;
    public StageOptions Stage => StageAt(Gate.StageNumber);
    public string StageLabel => LabelOf(Gate.StageNumber);

    public IReadOnlyList<SeatOptions> RequiredSeats => [.. Stage.Required.Select(_policy.Seat)];
    public IReadOnlyList<SeatOptions> PendingSeats => [.. RequiredSeats.Where(s => FilledBy(s) is null)];

    /// <summary>Optional seats of every stage: optional reviewers may speak at any stage.</summary>
    public IReadOnlyList<SeatOptions> OptionalSeats => [.. Type.Stages.SelectMany(s => s.Optional).Distinct(Ids).Select(_policy.Seat)];

    public IReadOnlyList<SeatOptions> AllSeats =>
        [.. Type.Stages.SelectMany(s => s.Required.Concat(s.Optional)).Distinct(Ids).Select(_policy.Seat)];

    private IEnumerable<SignOff> StageFills =>
        Gate.CurrentSignOffs.Where(s => s.StageNumber == Gate.StageNumber && s.FillsRequiredSeat);

    public StageOptions StageAt(int number) => Type.Stages[Math.Clamp(number, 1, Type.Stages.Count) - 1];

    public string LabelOf(int stageNumber) =>
        StageAt(stageNumber).Name is { Length: > 0 } name ? $"Stage {stageNumber} '{name}'" : $"Stage {stageNumber}";

    public SeatOptions? SeatOfType(string seatId) => AllSeats.FirstOrDefault(s => Ids.Equals(s.Id, seatId.Trim()));

    public bool IsRequiredNow(SeatOptions seat) => Stage.Required.Contains(seat.Id, Ids);

    public bool IsOptional(SeatOptions seat) => OptionalSeats.Any(s => Ids.Equals(s.Id, seat.Id));

    public bool IsRequester(string personId) => Ids.Equals(personId, Gate.RequestedBy);

    public SignOff? FilledBy(SeatOptions seat) => StageFills.FirstOrDefault(s => Ids.Equals(s.SeatId, seat.Id));

    /// <summary>
    /// The required seat of the current stage this person filled, by approval or by override: each required seat
    /// of a stage is filled by a different person, so a manager who overrode one seat cannot sign another.
    /// </summary>
    public SignOff? SeatSignedBy(string personId) =>
        StageFills.FirstOrDefault(s => Ids.Equals(s.PersonId, personId));

    public SignOff? OptionalApprovalBy(string personId, SeatOptions seat) =>
        Gate.CurrentSignOffs.FirstOrDefault(s =>
            s.IsOptionalSeat && s.Decision == SignOffDecision.Approve && Ids.Equals(s.PersonId, personId) && Ids.Equals(s.SeatId, seat.Id));

    /// <summary>The first of the seat's roles the person holds at <paramref name="instant"/>; null if none.</summary>
    public string? RoleHeld(string personId, SeatOptions seat, DateTimeOffset instant) =>
        seat.Roles.FirstOrDefault(role => _roster.Holds(personId, role, instant));

    /// <summary>Pending seats of the current stage the person may sign now.</summary>
    public IReadOnlyList<SeatOptions> PendingSeatsFor(string personId, DateTimeOffset now) =>
        IsRequester(personId) || SeatSignedBy(personId) is not null
            ? []
            : [.. PendingSeats.Where(s => RoleHeld(personId, s, now) is not null)];

    public IReadOnlyList<string> HoldersOf(SeatOptions seat, DateTimeOffset now) =>
        [.. seat.Roles.SelectMany(role => _roster.HoldersOf(role, now)).Select(p => p.Id).Distinct(Ids)];

    /// <summary>Who may sign the seat now: its holders, but not the requester nor anyone who signed another seat of this stage.</summary>
    public IReadOnlyList<string> ReviewersFor(SeatOptions seat, DateTimeOffset now) =>
        [.. HoldersOf(seat, now).Where(id => !IsRequester(id) && SeatSignedBy(id) is null)];

    /// <summary>The team managers of the seat's roles, as people holding those manager roles now.</summary>
    public IReadOnlyList<string> ManagersOf(SeatOptions seat, DateTimeOffset now) =>
        [.. seat.Roles
            .Select(_roster.ManagerRoleFor)
            .OfType<string>()
            .Distinct(Ids)
            .SelectMany(role => _roster.HoldersOf(role, now))
            .Select(p => p.Id)
            .Distinct(Ids)];

    /// <summary>The first later stage that has a required seat the person could sign, with that seat.</summary>
    public (int StageNumber, SeatOptions Seat)? LaterStageFor(string personId, DateTimeOffset now)
    {
        for (var number = Gate.StageNumber + 1; number <= Type.Stages.Count; number++)
        {
            var seat = StageAt(number).Required.Select(_policy.Seat).FirstOrDefault(s => RoleHeld(personId, s, now) is not null);
            if (seat is not null) return (number, seat);
        }

        return null;
    }

    public int? LaterStageRequiring(SeatOptions seat)
    {
        for (var number = Gate.StageNumber + 1; number <= Type.Stages.Count; number++)
        {
            if (StageAt(number).Required.Contains(seat.Id, Ids)) return number;
        }

        return null;
    }
}
