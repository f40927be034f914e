using Microsoft.Extensions.Options;
using SecBot.Domain.Policy;
using SecBot.Domain.Roster;
using RosterModel = SecBot.Domain.Roster.Roster;

namespace SecBot.Host.Tests.GateApi;

/// <summary>
/// Who a gate goes to, worked out from the running host's policy: a test never names reviewers from the shipped roster.
/// <see cref="Type"/> is the gate type without a checklist needing the fewest sign-offs (so an approve is one command);
/// <see cref="Requester"/> holds no role any of its seats asks for; <see cref="Reviewer"/> may sign its first seat.
/// </summary>
internal sealed record GateReviewers(string Type, Person Requester, Person Reviewer, int SignOffsToApprove)
{
    public static GateReviewers Of(IServiceProvider services, DateTimeOffset now)
    {
        var policy = services.GetRequiredService<IOptions<PolicyOptions>>().Value;
        var roster = services.GetRequiredService<RosterModel>();
        var type = policy.Reviews.GateTypes
            .Where(t => t.Checklist.Count == 0 && t.Stages.Count > 0 && t.Stages[0].Required.Count > 0)
            .OrderBy(t => t.Stages.Sum(s => s.Required.Count))
            .First();
        var seatRoles = type.Stages.SelectMany(s => s.Required.Concat(s.Optional))
            .Select(seat => policy.Reviews.Seats.Single(s => s.Id == seat))
            .SelectMany(s => s.Roles)
            .ToHashSet(StringComparer.OrdinalIgnoreCase);
        var firstSeat = policy.Reviews.Seats.Single(s => s.Id == type.Stages[0].Required[0]);
        var chatPeople = roster.People.Where(p => !string.IsNullOrEmpty(p.SlackUserId)).ToList();
        var requester = chatPeople.First(p => !seatRoles.Any(role => roster.Holds(p.Id, role, now)));
        var reviewer = chatPeople.First(p => firstSeat.Roles.Any(role => roster.Holds(p.Id, role, now)));
        return new GateReviewers(type.Id, requester, reviewer, type.Stages.Sum(s => s.Required.Count));
    }
}
