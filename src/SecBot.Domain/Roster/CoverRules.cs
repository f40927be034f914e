using SecBot.Domain.Policy;
using RosterModel = SecBot.Domain.Roster.Roster;

namespace SecBot.Domain.Roster;

/// <summary>
/// Who may put whom on call, and who may take a cover back. A person covers only a role they hold on every day of
/// the window; the manager of the role's team may put anyone on call for it (themselves included). A role outside
/// every team (the Executive contact) is only covered by a team manager. A cover is cancelled by its person or by
/// whoever could have set it for someone else. The window must not be over and lasts at most <see cref="LongestCover"/>.
/// </summary>
public static class CoverRules
{
    public static readonly TimeSpan LongestCover = TimeSpan.FromDays(31);

    public static string? Refusal(RosterModel roster, CoverRequest request, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(roster);
        ArgumentNullException.ThrowIfNull(request);
        if (roster.RoleById(request.RoleId) is null) return $"There is no role '{request.RoleId}'.";
        if (roster.PersonById(request.PersonId) is null) return $"'{request.PersonId}' is not on the roster.";
        if (request.To <= request.From) return "The cover must end after it starts.";
        if (request.To <= now) return "That window is already over.";
        if (request.To - request.From > LongestCover) return $"A cover may last at most {LongestCover.TotalDays:0} days; add another for the rest.";
        if (MaySetFor(roster, request.RoleId, request.RequestedBy, now)) return null;

        var role = roster.RoleName(request.RoleId);
        var setters = WhoMaySetFor(roster, request.RoleId);
        if (roster.TeamOf(request.RoleId) is null) return $"{role} is outside every team: only {setters} can put someone on call for it.";
        if (!SamePerson(request.PersonId, request.RequestedBy))
        {
            return $"Only {setters} can put someone else on call for {role}; you can cover a shift of a role you hold yourself.";
        }

        return FirstDayNotHeld(roster, request) is not { } day
            ? null
            : day == roster.DayOf(request.From)
                ? $"You do not hold {role} on {Day(day)}, so you cannot cover it: a person covers only a role they hold. {Capitalized(setters)} can put you on call for it."
                : $"You hold {role} only until {Day(day.AddDays(-1))}, so you cannot cover it on {Day(day)}: end the cover earlier, or ask {setters}.";
    }

    /// <summary>Why <paramref name="personId"/> may not cancel <paramref name="cover"/> now; null when they may.</summary>
    public static string? CancelRefusal(RosterModel roster, OnCallOverride cover, string personId, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(roster);
        ArgumentNullException.ThrowIfNull(cover);
        if (cover.CancelledAt is { } cancelledAt)
        {
            return $"It was already cancelled by {NameOf(roster, cover.CancelledBy)} at {roster.LocalText(cancelledAt)}.";
        }

        if (cover.To <= now) return $"It ended at {roster.LocalText(cover.To)}; there is nothing left to cancel.";
        if (SamePerson(cover.PersonId, personId)) return null;

        var role = RoleOf(roster, cover);
        return MaySetFor(roster, role, personId, now)
            ? null
            : $"Only {NameOf(roster, cover.PersonId)}, who covers it, or {WhoMaySetFor(roster, role)} can cancel it.";
    }

    public static string Target(CoverRequest request)
    {
        ArgumentNullException.ThrowIfNull(request);
        return $"role:{request.RoleId}";
    }

    /// <summary>The role a cover stands in for: its role, or the role its rotation pages (empty when the rotation pages none).</summary>
    public static string RoleOf(RosterModel roster, OnCallOverride cover)
    {
        ArgumentNullException.ThrowIfNull(roster);
        ArgumentNullException.ThrowIfNull(cover);
        if (!PageTarget.TryParse(cover.Target, out var target)) return "";
        return target.Kind == PageTargetKind.Role ? target.Id : roster.RotationById(target.Id)?.Role ?? "";
    }

    /// <summary>Whether <paramref name="personId"/> may put anyone on call for the role: its team's manager, or any team manager for a role outside the teams.</summary>
    private static bool MaySetFor(RosterModel roster, string roleId, string personId, DateTimeOffset now) =>
        roster.TeamOf(roleId) is { } team
            ? team.ManagerRole.Length > 0 && roster.Holds(personId, team.ManagerRole, now)
            : roster.IsManager(personId, now);

    private static string WhoMaySetFor(RosterModel roster, string roleId) =>
        roster.TeamOf(roleId) is { } team
            ? team.ManagerRole.Length > 0 ? $"the {team.Label} manager" : $"a manager of {team.Label} (it has none configured)"
            : $"a team manager ({roster.RoleNames(roster.ManagerRoles)})";

    /// <summary>The first day of the window, in the roster's zone, on which the coverer does not hold the role.</summary>
    private static DateOnly? FirstDayNotHeld(RosterModel roster, CoverRequest request)
    {
        var last = roster.DayOf(request.To - TimeSpan.FromTicks(1));
        for (var day = roster.DayOf(request.From); day <= last; day = day.AddDays(1))
        {
            if (!roster.RolesHeldBy(request.PersonId, day).Contains(request.RoleId, StringComparer.OrdinalIgnoreCase)) return day;
        }

        return null;
    }

    private static string Capitalized(string text) => text.Length == 0 ? text : char.ToUpperInvariant(text[0]) + text[1..];

    private static bool SamePerson(string a, string b) => string.Equals(a, b, StringComparison.OrdinalIgnoreCase);

    private static string NameOf(RosterModel roster, string? personId) =>
        roster.PersonName(personId);

    private static string Day(DateOnly day) => ReadableTime.Day(day);
}
