namespace SecBot.Domain.Policy;

/// <summary>Lookups over a policy that the validation rules share: which ids exist and who can be reached.</summary>
internal sealed class PolicyIndex
{
    private readonly HashSet<string> _rolesSomeoneHolds = new(StringComparer.Ordinal);
    private readonly Dictionary<string, RotationOptions> _rotationsById = new(StringComparer.Ordinal);
    private readonly Dictionary<string, RotationOptions> _rotationsByRole = new(StringComparer.Ordinal);
    private readonly Dictionary<string, SeatOptions> _seatsById = new(StringComparer.Ordinal);

    public PolicyIndex(PolicyOptions policy)
    {
        var roster = policy.Roster;
        Teams = new IdSet(roster.Teams.Select(team => team.Id));
        Roles = new IdSet(roster.Roles.Select(role => role.Id));
        People = new IdSet(roster.People.Select(person => person.Id));
        Rotations = new IdSet(roster.Rotations.Select(rotation => rotation.Id));
        Levels = new IdSet(policy.Escalation.Levels.SelectMany(level => level.Aliases.Prepend(level.Name)));
        Seats = new IdSet(policy.Reviews.Seats.Select(seat => seat.Id));
        GateTypes = new IdSet(policy.Reviews.GateTypes.Select(gateType => gateType.Id));

        foreach (var person in roster.People)
        {
            _rolesSomeoneHolds.UnionWith(person.Roles);
            _rolesSomeoneHolds.UnionWith(person.Assignments.Select(assignment => assignment.Role));
        }

        // On a duplicate id the first definition wins; the duplicate itself is reported elsewhere.
        foreach (var rotation in roster.Rotations)
        {
            _rotationsById.TryAdd(rotation.Id, rotation);
            if (!string.IsNullOrWhiteSpace(rotation.Role)) _rotationsByRole.TryAdd(rotation.Role, rotation);
        }

        foreach (var seat in policy.Reviews.Seats) _seatsById.TryAdd(seat.Id, seat);
    }

    public IdSet Teams { get; }
    public IdSet Roles { get; }
    public IdSet People { get; }
    public IdSet Rotations { get; }

    /// <summary>Level names and aliases.</summary>
    public IdSet Levels { get; }

    public IdSet Seats { get; }
    public IdSet GateTypes { get; }

    /// <summary>The rotation through which a role is paged, when one claims it.</summary>
    public RotationOptions? RotationPaging(string roleId) => _rotationsByRole.GetValueOrDefault(roleId);

    /// <summary>
    /// Whether a page to the target could reach anyone. Deliberately generous about time: a role
    /// counts as held when anyone holds it now or in any dated assignment.
    /// </summary>
    public PageReach Reach(PageTarget target) => target.Kind switch
    {
        PageTargetKind.Rotation => _rotationsById.TryGetValue(target.Id, out var rotation)
            ? ReachThrough(rotation, $"rotation '{rotation.Id}' has no member on the roster")
            : PageReach.Nobody($"no rotation '{target.Id}'"),
        _ => ReachRole(target.Id),
    };

    /// <summary>Whether some person could ever sign for the seat.</summary>
    public bool SomeoneCanSign(string seatId) =>
        _seatsById.TryGetValue(seatId, out var seat) && seat.Roles.Any(_rolesSomeoneHolds.Contains);

    private PageReach ReachRole(string roleId)
    {
        if (_rotationsByRole.TryGetValue(roleId, out var rotation))
        {
            return ReachThrough(rotation, $"role '{roleId}' is paged through rotation '{rotation.Id}', which has no member on the roster");
        }

        if (_rolesSomeoneHolds.Contains(roleId)) return PageReach.Someone;
        return Roles.Contains(roleId)
            ? PageReach.Nobody($"nobody holds role '{roleId}' now or in any assignment")
            : PageReach.Nobody($"no role '{roleId}'");
    }

    private PageReach ReachThrough(RotationOptions rotation, string whyNobody) =>
        rotation.Members.Any(People.Contains) ? PageReach.Someone : PageReach.Nobody(whyNobody);
}
