using SecBot.Domain.Policy;
using RosterModel = SecBot.Domain.Roster.Roster;

namespace SecBot.Domain.Reviews;

/// <summary>Display names for messages: people, roles, seats and the roster's day of an instant.</summary>
internal sealed class RosterNames(RosterModel roster)
{
    public string Person(string? personId) =>
        roster.PersonName(personId);

    public string People(IEnumerable<string> personIds) => List(personIds.Select(Person), "nobody");

    public string Role(string roleId) => roster.RoleName(roleId);

    /// <summary>"Security Architect" or "Red Team Engineer or Senior Red Team Engineer".</summary>
    public string RolesOf(SeatOptions seat) => roster.RoleNames(seat.Roles);

    public string Seats(IEnumerable<SeatOptions> seats) => List(seats.Select(s => s.Name), "no seat");

    public string RolesHeld(string personId, DateTimeOffset instant) =>
        List(roster.RolesHeldBy(personId, instant).Select(Role), "no role");

    public string Day(DateTimeOffset instant) => ReadableTime.Day(roster.DayOf(instant));

    private static string List(IEnumerable<string> names, string none)
    {
        var all = names.ToList();
        return all.Count == 0 ? none : string.Join(", ", all);
    }
}
