namespace SecBot.Domain.Roster;

/// <summary>
/// A person covers a target (<c>rotation:&lt;id&gt;</c> or <c>role:&lt;RoleId&gt;</c>) for a window [From, To).
/// Overrides win over the rotation and over the role's holders. A cancelled override is kept, with who cancelled it
/// and when, but no longer covers anything.
/// </summary>
public sealed record OnCallOverride(
    long Id,
    string Target,
    string PersonId,
    DateTimeOffset From,
    DateTimeOffset To,
    string CreatedBy,
    DateTimeOffset CreatedAt)
{
    public DateTimeOffset? CancelledAt { get; init; }

    public string? CancelledBy { get; init; }

    public bool IsCancelled => CancelledAt is not null;

    public bool Covers(DateTimeOffset instant) => !IsCancelled && From <= instant && instant < To;
}
