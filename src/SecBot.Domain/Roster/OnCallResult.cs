using SecBot.Domain.Policy;

namespace SecBot.Domain.Roster;

/// <summary>
/// Who to page for <see cref="Target"/>. <see cref="Until"/> is when this answer next changes (shift end,
/// an override starting or ending, a dated role change), null when nothing known will change it.
/// <see cref="Reason"/> says why nobody was on call, for <see cref="OnCallSource.ManagerFallback"/> and
/// <see cref="OnCallSource.Nobody"/>; it is null otherwise.
/// </summary>
public sealed record OnCallResult(
    PageTarget Target,
    IReadOnlyList<Person> People,
    DateTimeOffset? Until,
    OnCallSource Source,
    string? Reason = null)
{
    public bool IsEmpty => People.Count == 0;
}
