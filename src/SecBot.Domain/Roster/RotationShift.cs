namespace SecBot.Domain.Roster;

/// <summary>Shift number <see cref="Index"/> of a rotation: <see cref="PersonId"/> is on call over [Start, End).</summary>
public sealed record RotationShift(long Index, string PersonId, DateTimeOffset Start, DateTimeOffset End)
{
    public bool Contains(DateTimeOffset instant) => Start <= instant && instant < End;
}
