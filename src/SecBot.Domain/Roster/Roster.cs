using System.Collections.Frozen;
using SecBot.Domain.Policy;

namespace SecBot.Domain.Roster;

/// <summary>
/// The org chart at any moment: people and their chat identities, roles over time, teams and rotations.
/// Ids of people, roles and rotations, Teams user ids and e-mail addresses match case-insensitively;
/// Slack user ids match exactly.
/// </summary>
public sealed class Roster
{
    private readonly FrozenDictionary<string, Person> _peopleById;
    private readonly FrozenDictionary<string, RoleHistory> _historyByPersonId;
    private readonly FrozenDictionary<string, Person> _peopleBySlackUserId;
    private readonly FrozenDictionary<string, Person> _peopleByTeamsUserId;
    private readonly FrozenDictionary<string, Person> _peopleByEmail;
    private readonly FrozenDictionary<string, Role> _rolesById;
    private readonly FrozenDictionary<string, Team> _teamsById;
    private readonly FrozenDictionary<string, RotationSchedule> _rotationsById;

    private Roster(RosterOptions options)
    {
        TimeZone = TimeZoneInfo.FindSystemTimeZoneById(options.TimeZone);
        People = options.People.Select(p => new Person(p.Id, p.Name, p.Email, p.SlackUserId, p.TeamsUserId)).ToArray().AsReadOnly();
        Roles = options.Roles.Select(r => new Role(r.Id, r.Name, r.Team)).ToArray().AsReadOnly();
        Teams = options.Teams.Select(t => new Team(t.Id, t.Name, t.ManagerRole)).ToArray().AsReadOnly();
        Rotations = options.Rotations.Select(r => new RotationSchedule(r)).ToArray().AsReadOnly();
        ManagerRoles = Teams.Select(t => t.ManagerRole).Where(r => r.Length > 0).Distinct(StringComparer.OrdinalIgnoreCase).ToArray().AsReadOnly();

        _peopleById = Index(People, p => p.Id, StringComparer.OrdinalIgnoreCase);
        _peopleBySlackUserId = Index(People, p => p.SlackUserId, StringComparer.Ordinal);
        _peopleByTeamsUserId = Index(People, p => p.TeamsUserId, StringComparer.OrdinalIgnoreCase);
        _peopleByEmail = Index(People, p => p.Email.Trim(), StringComparer.OrdinalIgnoreCase);
        _rolesById = Index(Roles, r => r.Id, StringComparer.OrdinalIgnoreCase);
        _teamsById = Index(Teams, t => t.Id, StringComparer.OrdinalIgnoreCase);
        _rotationsById = Index(Rotations, r => r.Id, StringComparer.OrdinalIgnoreCase);
        _historyByPersonId = options.People
            .DistinctBy(p => p.Id, StringComparer.OrdinalIgnoreCase)
            .ToFrozenDictionary(
                p => p.Id,
                p => new RoleHistory(p.Roles, p.Assignments.Select(a => new RoleAssignment(a.Role, a.From, a.To))),
                StringComparer.OrdinalIgnoreCase);
    }

    /// <summary>Builds the roster from validated options.</summary>
    public static Roster From(RosterOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        return new Roster(options);
    }

    /// <summary>The zone whose calendar days dated role assignments begin and end on.</summary>
    public TimeZoneInfo TimeZone { get; }

    public IReadOnlyList<Person> People { get; }
    public IReadOnlyList<Role> Roles { get; }
    public IReadOnlyList<Team> Teams { get; }
    public IReadOnlyList<RotationSchedule> Rotations { get; }

    public Person? PersonById(string personId) => Find(_peopleById, personId);
    public Person? PersonBySlackUserId(string slackUserId) => Find(_peopleBySlackUserId, slackUserId);
    public Person? PersonByTeamsUserId(string teamsUserId) => Find(_peopleByTeamsUserId, teamsUserId);
    public Person? PersonByEmail(string email) => Find(_peopleByEmail, email?.Trim());
    public Role? RoleById(string roleId) => Find(_rolesById, roleId);
    public Team? TeamById(string teamId) => Find(_teamsById, teamId);
    public RotationSchedule? RotationById(string rotationId) => Find(_rotationsById, rotationId);

    /// <summary>The person's name; the id itself for someone no longer on the roster, and "nobody" for no one.</summary>
    public string PersonName(string? personId) => personId is null ? "nobody" : PersonById(personId)?.Name ?? personId;

    /// <summary>The name people know a role by (<c>Security Operations Manager</c>); the id when the role has none or is unknown.</summary>
    public string RoleName(string roleId) => RoleById(roleId) is { Name.Length: > 0 } role ? role.Name : roleId;

    /// <summary>"Security Operations Manager or Security Engineering Manager": the names of <paramref name="roleIds"/>, each once.</summary>
    public string RoleNames(IEnumerable<string> roleIds) =>
        string.Join(" or ", roleIds.Select(RoleName).Distinct(StringComparer.OrdinalIgnoreCase));

    /// <summary>The manager roles of the teams, each once, in configuration order.</summary>
    public IReadOnlyList<string> ManagerRoles { get; }

    /// <summary>The rotation that pages <paramref name="roleId"/>, if any (the first one when several do).</summary>
    public RotationSchedule? RotationForRole(string roleId) =>
        Rotations.FirstOrDefault(r => r.Role.Length > 0 && string.Equals(r.Role, roleId, StringComparison.OrdinalIgnoreCase));

    /// <summary>The instant a wall-clock time in <see cref="TimeZone"/> means (a time in a DST gap moves forward).</summary>
    public DateTimeOffset InstantOf(DateTime localTime) => ZonedTime.ToInstant(localTime, TimeZone);

    /// <summary>Whether the person manages a team (holds some team's manager role) at <paramref name="instant"/>.</summary>
    public bool IsManager(string personId, DateTimeOffset instant) =>
        Teams.Any(team => team.ManagerRole.Length > 0 && Holds(personId, team.ManagerRole, instant));

    /// <summary><paramref name="instant"/> as people of the roster read it: <c>Mon 2 Mar 10:00 Europe/London</c> (see <see cref="ReadableTime.InZone"/>).</summary>
    public string LocalText(DateTimeOffset instant) => ReadableTime.InZone(instant, TimeZone);

    /// <summary>A window as people of the roster read it: <c>Mon 2 Mar 10:00–18:00 Europe/London</c> (see <see cref="ReadableTime.RangeInZone"/>).</summary>
    public string LocalRange(DateTimeOffset from, DateTimeOffset to) => ReadableTime.RangeInZone(from, to, TimeZone);

    /// <summary>The calendar day of <paramref name="instant"/> in <see cref="TimeZone"/>.</summary>
    public DateOnly DayOf(DateTimeOffset instant) => ZonedTime.DayOf(instant, TimeZone);

    /// <summary>Role ids the person held at <paramref name="instant"/>, in configuration order; empty for an unknown person.</summary>
    public IReadOnlyList<string> RolesHeldBy(string personId, DateTimeOffset instant) => RolesHeldBy(personId, DayOf(instant));

    public IReadOnlyList<string> RolesHeldBy(string personId, DateOnly day) =>
        Find(_historyByPersonId, personId)?.RolesOn(day) ?? [];

    public bool Holds(string personId, string roleId, DateTimeOffset instant) =>
        Find(_historyByPersonId, personId)?.Holds(roleId, DayOf(instant)) ?? false;

    /// <summary>People who held <paramref name="roleId"/> at <paramref name="instant"/>, in roster order.</summary>
    public IReadOnlyList<Person> HoldersOf(string roleId, DateTimeOffset instant) => HoldersOf(roleId, DayOf(instant));

    public IReadOnlyList<Person> HoldersOf(string roleId, DateOnly day) =>
        People.Where(p => _historyByPersonId[p.Id].Holds(roleId, day)).ToArray().AsReadOnly();

    /// <summary>The next start of a day, after <paramref name="instant"/>, on which the holders of the role differ; null if they never do.</summary>
    public DateTimeOffset? HoldersOfChangeAfter(string roleId, DateTimeOffset instant)
    {
        var today = DayOf(instant);
        var holdersToday = HoldersOf(roleId, today).Select(p => p.Id).ToArray();
        var laterChangeDays = _historyByPersonId.Values
            .SelectMany(history => history.ChangeDays)
            .Where(day => day > today)
            .Distinct()
            .Order();
        foreach (var day in laterChangeDays)
        {
            if (!HoldersOf(roleId, day).Select(p => p.Id).SequenceEqual(holdersToday)) return ZonedTime.StartOfDay(day, TimeZone);
        }

        return null;
    }

    /// <summary>The team a role belongs to; null for roles outside the org or unknown roles.</summary>
    public Team? TeamOf(string roleId) => RoleById(roleId) is { TeamId.Length: > 0 } role ? TeamById(role.TeamId) : null;

    /// <summary>The role managing the team of <paramref name="roleId"/>, paged when nobody is on call for it.</summary>
    public string? ManagerRoleFor(string roleId) => TeamOf(roleId) is { ManagerRole.Length: > 0 } team ? team.ManagerRole : null;

    private static FrozenDictionary<string, T> Index<T>(IEnumerable<T> items, Func<T, string> key, StringComparer comparer) =>
        items
            .Where(item => !string.IsNullOrEmpty(key(item)))
            .DistinctBy(key, comparer)
            .ToFrozenDictionary(key, comparer);

    private static T? Find<T>(FrozenDictionary<string, T> index, string? key)
        where T : class =>
        string.IsNullOrEmpty(key) ? null : index.GetValueOrDefault(key);
}
