using SecBot.Domain.Reviews;

namespace SecBot.Storage.Reviews;

/// <summary>The gates columns as Dapper reads them.</summary>
internal sealed class GateRow
{
    public const string Columns =
        "id, type, title, requester, requested_via, state, revision, stage_number, stage_opened_at, decided_at, " +
        "incident_id, owner_person_id, created_at, version";

    public long Id { get; init; }
    public string Type { get; init; } = "";
    public string Title { get; init; } = "";
    public string Requester { get; init; } = "";
    public string RequestedVia { get; init; } = "";
    public string State { get; init; } = "";
    public int Revision { get; init; }
    public int StageNumber { get; init; }
    public DateTimeOffset StageOpenedAt { get; init; }
    public DateTimeOffset? DecidedAt { get; init; }
    public long? IncidentId { get; init; }
    public string? OwnerPersonId { get; init; }
    public DateTimeOffset CreatedAt { get; init; }
    public int Version { get; init; }

    public Gate ToGate(IReadOnlyList<SignOff> signOffs) => new()
    {
        Number = Id,
        Type = Type,
        Title = Title,
        RequestedBy = Requester,
        RequestedAt = CreatedAt,
        RequestedVia = RequestedVia,
        State = GateStates.Parse(State),
        Revision = Revision,
        StageNumber = StageNumber,
        StageOpenedAt = StageOpenedAt,
        DecidedAt = DecidedAt,
        IncidentNumber = IncidentId,
        OwnerPersonId = OwnerPersonId,
        SignOffs = signOffs,
        Version = Version,
    };
}
