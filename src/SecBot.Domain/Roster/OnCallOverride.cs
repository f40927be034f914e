namespace SecBot.Domain.Roster;

/// <summary>
/// A person covers a target (<c>rotation:&lt;id&gt;</c> or <c>role:&lt;RoleId&gt;</c>) for a window [From, To).
/// Overrides win over the rotation and over the role's holders.
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
    public bool Covers(DateTimeOffset instant) => From <= instant && instant < To;
}
