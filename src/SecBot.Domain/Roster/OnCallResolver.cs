using SecBot.Domain.Policy;

namespace SecBot.Domain.Roster;

/// <summary>
/// Who is paged for a target at an instant. Overrides win; then a rotation's on-call member (a role with a
/// rotation goes through it); then every holder of the role. When that finds nobody, the manager role of the
/// target's team is paged instead and the result says why. Overrides come from the caller; nothing is stored.
/// </summary>
public sealed class OnCallResolver
{
    private readonly Roster _roster;
    private readonly OverrideIndex _overrides;

    public OnCallResolver(Roster roster, IEnumerable<OnCallOverride> overrides)
    {
        ArgumentNullException.ThrowIfNull(roster);
        ArgumentNullException.ThrowIfNull(overrides);
        _roster = roster;
        _overrides = new OverrideIndex(overrides);
    }

    public OnCallResult Resolve(PageTarget target, DateTimeOffset instant)
    {
        var found = ResolveWithoutFallback(target, instant);
        return found.IsEmpty ? FallBackToManager(found, instant) : found;
    }

    /// <summary>
    /// The <c>oncall</c> overview: every rotation (falling back to its manager when nobody is on call),
    /// then every role without a rotation that somebody holds or covers.
    /// </summary>
    public IReadOnlyList<OnCallResult> WhoIsOnCall(DateTimeOffset instant)
    {
        var byRotation = _roster.Rotations.Select(rotation => Resolve(rotation.Target, instant));
        var byRole = _roster.Roles
            .Where(role => _roster.RotationForRole(role.Id) is null)
            .Select(role => ResolveWithoutFallback(RoleTarget(role.Id), instant))
            .Where(result => !result.IsEmpty);
        return byRotation.Concat(byRole).ToArray().AsReadOnly();
    }

    private OnCallResult ResolveWithoutFallback(PageTarget target, DateTimeOffset instant)
    {
        if (target.Kind == PageTargetKind.Rotation)
        {
            return _roster.RotationById(target.Id) is { } rotation
                ? ThroughRotation(target, rotation, instant)
                : Nobody(target, null, $"{NobodyOnCallFor(target)} (there is no such rotation)");
        }

        if (_roster.RotationForRole(target.Id) is { } rotationForRole) return ThroughRotation(target, rotationForRole, instant);
        return ByOverride(target, [target], instant) ?? ByRoleHolders(target, instant);
    }

    private OnCallResult ThroughRotation(PageTarget target, RotationSchedule rotation, DateTimeOffset instant)
    {
        PageTarget[] coveredBy = rotation.Role.Length > 0 ? [rotation.Target, RoleTarget(rotation.Role)] : [rotation.Target];
        if (ByOverride(target, coveredBy, instant) is { } covered) return covered;

        var overridesChange = _overrides.NextChangeAfter(coveredBy, instant);
        if (rotation.Members.Count == 0)
        {
            return Nobody(target, overridesChange, $"{NobodyOnCallFor(target)} (rotation {rotation.Id} has no members)");
        }

        if (rotation.ShiftAt(instant) is not { } shift)
        {
            var starts = rotation.FirstShiftStart;
            var why = $"{NobodyOnCallFor(target)} (rotation {rotation.Id} starts {ReadableTime.InZone(starts, rotation.TimeZone)})";
            return Nobody(target, Earliest(starts, overridesChange), why);
        }

        var until = Earliest(shift.End, overridesChange);
        return _roster.PersonById(shift.PersonId) is { } person
            ? new OnCallResult(target, [person], until, OnCallSource.Rotation)
            : Nobody(target, until, $"{NobodyOnCallFor(target)} (on-call member '{shift.PersonId}' is not on the roster)");
    }

    private OnCallResult? ByOverride(PageTarget target, IReadOnlyCollection<PageTarget> coveredBy, DateTimeOffset instant)
    {
        var people = _overrides.CoveringAt(coveredBy, instant)
            .Select(item => _roster.PersonById(item.PersonId))
            .OfType<Person>()
            .DistinctBy(person => person.Id)
            .ToArray();
        return people.Length == 0
            ? null
            : new OnCallResult(target, people.AsReadOnly(), _overrides.NextChangeAfter(coveredBy, instant), OnCallSource.Override);
    }

    private OnCallResult ByRoleHolders(PageTarget target, DateTimeOffset instant)
    {
        var holders = _roster.HoldersOf(target.Id, instant);
        var until = Earliest(_roster.HoldersOfChangeAfter(target.Id, instant), _overrides.NextChangeAfter([target], instant));
        return holders.Count > 0
            ? new OnCallResult(target, holders, until, OnCallSource.RoleHolders)
            : Nobody(target, until, $"{NobodyOnCallFor(target)} (nobody holds the role)");
    }

    private OnCallResult FallBackToManager(OnCallResult nobody, DateTimeOffset instant)
    {
        if (TeamToFallBackOn(nobody.Target, instant) is not { ManagerRole.Length: > 0 } team)
        {
            return nobody with { Reason = $"{nobody.Reason}; there is no team manager to page" };
        }

        var managers = ResolveWithoutFallback(RoleTarget(team.ManagerRole), instant);
        var until = Earliest(nobody.Until, managers.Until);
        return managers.IsEmpty
            ? nobody with { Until = until, Reason = $"{nobody.Reason}; nobody holds {_roster.RoleName(team.ManagerRole)} to page instead" }
            : new OnCallResult(nobody.Target, managers.People, until, OnCallSource.ManagerFallback, $"{nobody.Reason}; paging the {team.Label} manager");
    }

    private Team? TeamToFallBackOn(PageTarget target, DateTimeOffset instant)
    {
        if (target.Kind == PageTargetKind.Role) return _roster.TeamOf(target.Id);
        if (_roster.RotationById(target.Id) is not { } rotation) return null;
        if (rotation.Role.Length > 0) return _roster.TeamOf(rotation.Role);

        // A rotation paging no role belongs to the team of its first member's role.
        return rotation.Members.Count == 0
            ? null
            : _roster.RolesHeldBy(rotation.Members[0], instant).Select(_roster.TeamOf).OfType<Team>().FirstOrDefault();
    }

    private string NobodyOnCallFor(PageTarget target) =>
        target.Kind == PageTargetKind.Role ? $"nobody is on call for {_roster.RoleName(target.Id)}" : $"nobody is on call for rotation {target.Id}";

    private static OnCallResult Nobody(PageTarget target, DateTimeOffset? until, string reason) =>
        new(target, [], until, OnCallSource.Nobody, reason);

    private static PageTarget RoleTarget(string roleId) => new(PageTargetKind.Role, roleId);

    private static DateTimeOffset? Earliest(DateTimeOffset? a, DateTimeOffset? b) =>
        a is null ? b : b is null ? a : a < b ? a : b;
}
