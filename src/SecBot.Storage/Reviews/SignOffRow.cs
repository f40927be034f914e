using SecBot.Domain.Reviews;
using SecBot.Storage.Ledger;

namespace SecBot.Storage.Reviews;

/// <summary>A reviewer's row of the ledger (kind <c>signoff</c>) as the gate aggregate reads it back.</summary>
internal sealed class SignOffRow
{
    public const string Columns =
        "gate_id, revision, stage, seat, person_id, role_held, decision, comment, checklist, platform, at, optional_seat, is_stale";

    public long GateId { get; init; }
    public int Revision { get; init; }
    public int Stage { get; init; }
    public string Seat { get; init; } = "";
    public string PersonId { get; init; } = "";
    public string RoleHeld { get; init; } = "";
    public string Decision { get; init; } = "";
    public string? Comment { get; init; }
    public string? Checklist { get; init; }
    public string Platform { get; init; } = "";
    public DateTimeOffset At { get; init; }
    public bool OptionalSeat { get; init; }
    public bool IsStale { get; init; }

    public SignOff ToSignOff() => new(
        Revision, Stage, Seat, PersonId, RoleHeld, ParseDecision(Decision), Comment, LedgerRecord.ParseChecklist(Checklist),
        Platform, At, OptionalSeat, IsStale);

    public static SignOffDecision ParseDecision(string decision) => decision switch
    {
        LedgerDecisions.Approve => SignOffDecision.Approve,
        LedgerDecisions.Reject => SignOffDecision.Reject,
        LedgerDecisions.Comment => SignOffDecision.Comment,
        LedgerDecisions.Object => SignOffDecision.Object,
        LedgerDecisions.Override => SignOffDecision.Override,
        _ => throw new InvalidDataException($"unknown sign-off decision '{decision}'"),
    };
}
