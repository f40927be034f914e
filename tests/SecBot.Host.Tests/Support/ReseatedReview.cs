using Microsoft.Extensions.Options;
using SecBot.Domain.Policy;
using SecBot.Domain.Roster;
using RosterModel = SecBot.Domain.Roster.Roster;

namespace SecBot.Host.Tests.Support;

/// <summary>
/// A gate type of the running host's policy, without a checklist, whose one required stage-1 seat sits in stage 2 as
/// well: its holder, once they approve stage 1, is asked again for stage 2 in the same change. Derived from the policy
/// and the roster, never named.
/// </summary>
internal sealed record ReseatedReview(GateTypeOptions Type, SeatOptions Seat, Person Reviewer, Person Requester)
{
    /// <param name="reachable">Whether a person can be reached on the platform under test (a Slack or Teams user id).</param>
    public static ReseatedReview From(IServiceProvider services, DateTimeOffset now, Func<Person, bool> reachable)
    {
        var reviews = services.GetRequiredService<IOptions<PolicyOptions>>().Value.Reviews;
        var roster = services.GetRequiredService<RosterModel>();
        var type = reviews.GateTypes.First(t => t.Stages.Count > 1 && t.Checklist.Count == 0 && t.Stages[0].Required.Count == 1 && t.Stages[1].Required.Contains(t.Stages[0].Required[0]));
        var seat = reviews.Seats.Single(s => s.Id == type.Stages[0].Required[0]);
        var gateRoles = type.Stages.SelectMany(s => s.Required.Concat(s.Optional)).Select(id => reviews.Seats.Single(s => s.Id == id)).SelectMany(s => s.Roles)
            .ToHashSet(StringComparer.OrdinalIgnoreCase);
        var reviewer = roster.People.First(p => reachable(p) && seat.Roles.Any(role => roster.Holds(p.Id, role, now)));
        var requester = roster.People.First(p => reachable(p) && !roster.RolesHeldBy(p.Id, now).Any(gateRoles.Contains));
        return new ReseatedReview(type, seat, reviewer, requester);
    }
}
