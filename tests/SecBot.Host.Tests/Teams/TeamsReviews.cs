using Microsoft.Extensions.Options;
using SecBot.Domain.Policy;
using SecBot.Domain.Reviews;
using SecBot.Domain.Roster;
using SecBot.Storage;
using SecBot.Storage.Reviews;

namespace SecBot.Host.Tests.Teams;

/// <summary>
/// Review gates as the running host's policy defines them: who sits each required seat of a stage is derived from the
/// approval matrix and the roster at the host's now, never named; and the gate as stored, for the ledger's sign-offs.
/// </summary>
internal static class TeamsReviews
{
    public static GateTypeOptions GateType(TeamsHost teams, string type) =>
        Policy(teams).GateTypes.Single(t => t.Id == type);

    /// <summary>Someone on Teams who holds no role of any seat of <paramref name="type"/>: a requester nobody must exclude.</summary>
    public static Person Requester(TeamsHost teams, string type)
    {
        var roles = GateType(teams, type).Stages.SelectMany(s => s.Required.Concat(s.Optional)).Select(Seat(teams)).SelectMany(s => s.Roles).ToHashSet(StringComparer.OrdinalIgnoreCase);
        return teams.PeopleOnTeams.First(p => !teams.Roster.RolesHeldBy(p.Id, teams.Now).Any(roles.Contains));
    }

    /// <summary>For each required seat of stage <paramref name="stage"/> (1-based), a holder of it who is not <paramref name="requester"/>, each a different person.</summary>
    public static IReadOnlyList<(SeatOptions Seat, Person Reviewer)> Reviewers(TeamsHost teams, string type, int stage, Person requester)
    {
        var seats = GateType(teams, type).Stages[stage - 1].Required.Select(Seat(teams)).ToList();
        var chosen = new List<(SeatOptions, Person)>();
        foreach (var seat in seats)
        {
            var holder = seat.Roles.SelectMany(role => teams.Roster.HoldersOf(role, teams.Now))
                .First(p => p.Id != requester.Id && p.TeamsUserId.Length > 0 && chosen.All(c => c.Item2.Id != p.Id));
            chosen.Add((seat, holder));
        }

        return chosen;
    }

    public static Task<Gate?> LoadAsync(TeamsHost teams, long number) =>
        teams.Host.App.Services.GetRequiredService<GateRepository>().LoadAsync(number, CancellationToken.None);

    private static ReviewOptions Policy(TeamsHost teams) => teams.Host.App.Services.GetRequiredService<IOptions<PolicyOptions>>().Value.Reviews;

    private static Func<string, SeatOptions> Seat(TeamsHost teams) => id => Policy(teams).Seats.Single(s => s.Id == id);
}
