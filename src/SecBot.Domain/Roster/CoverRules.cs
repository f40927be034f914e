using RosterModel = SecBot.Domain.Roster.Roster;

namespace SecBot.Domain.Roster;

/// <summary>
/// Who may put whom on call: anyone may cover a shift themselves; putting someone else on call is a
/// manager's decision. The window must be in the future and no longer than <see cref="LongestCover"/>.
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
        if (!string.Equals(request.PersonId, request.RequestedBy, StringComparison.OrdinalIgnoreCase) && !roster.IsManager(request.RequestedBy, now))
        {
            return "Only a team manager can put someone else on call; you can cover a shift yourself.";
        }

        return null;
    }

    public static string Target(CoverRequest request)
    {
        ArgumentNullException.ThrowIfNull(request);
        return $"role:{request.RoleId}";
    }
}
