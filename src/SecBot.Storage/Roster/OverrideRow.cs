using SecBot.Domain.Roster;

namespace SecBot.Storage.Roster;

/// <summary>The <c>oncall_overrides</c> columns as Dapper reads them.</summary>
internal sealed class OverrideRow
{
    public const string Columns = "id, target, person_id, starts_at, ends_at, created_by, created_at, cancelled_at, cancelled_by";

    public long Id { get; init; }
    public string Target { get; init; } = "";
    public string PersonId { get; init; } = "";
    public DateTimeOffset StartsAt { get; init; }
    public DateTimeOffset EndsAt { get; init; }
    public string CreatedBy { get; init; } = "";
    public DateTimeOffset CreatedAt { get; init; }
    public DateTimeOffset? CancelledAt { get; init; }
    public string? CancelledBy { get; init; }

    public OnCallOverride ToOverride() =>
        new(Id, Target, PersonId, StartsAt, EndsAt, CreatedBy, CreatedAt) { CancelledAt = CancelledAt, CancelledBy = CancelledBy };
}
