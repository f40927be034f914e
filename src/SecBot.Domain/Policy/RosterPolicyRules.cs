using System.Globalization;

namespace SecBot.Domain.Policy;

/// <summary>Checks of <c>SecBot:Roster</c>: teams, roles, people and their dated assignments, rotations.</summary>
internal static class RosterPolicyRules
{
    public static void Check(PolicyValidationContext context)
    {
        var roster = context.Policy.Roster;
        context.RequireIanaTimeZone(KeyPath.Child(KeyPath.Roster, "TimeZone"), roster.TimeZone);
        CheckTeams(context, roster.Teams);
        CheckRoles(context, roster.Roles);
        CheckPeople(context, roster.People);
        CheckRotations(context, roster.Rotations);
    }

    private static void CheckTeams(PolicyValidationContext context, List<TeamOptions> teams)
    {
        var listPath = KeyPath.Child(KeyPath.Roster, "Teams");
        context.RequireUniqueIds("team id", teams.Select((team, i) => (IdPath(listPath, i), team.Id)));
        for (var i = 0; i < teams.Count; i++)
        {
            // Empty means the team has no manager to page when nobody is on call for one of its roles.
            context.RequireRoleIfSet(KeyPath.Child(KeyPath.Item(listPath, i), "ManagerRole"), teams[i].ManagerRole);
        }
    }

    private static void CheckRoles(PolicyValidationContext context, List<RoleOptions> roles)
    {
        var listPath = KeyPath.Child(KeyPath.Roster, "Roles");
        context.RequireUniqueIds("role id", roles.Select((role, i) => (IdPath(listPath, i), role.Id)));
        for (var i = 0; i < roles.Count; i++)
        {
            // An empty team is how a role outside the org (the Executive contact) is written.
            if (roles[i].Team.Length > 0) context.RequireTeam(KeyPath.Child(KeyPath.Item(listPath, i), "Team"), roles[i].Team);
        }
    }

    private static void CheckPeople(PolicyValidationContext context, List<PersonOptions> people)
    {
        var listPath = KeyPath.Child(KeyPath.Roster, "People");
        if (people.Count == 0)
        {
            context.Problems.Add(listPath, "the roster has no people");
            return;
        }

        context.RequireUniqueIds("person id", people.Select((person, i) => (IdPath(listPath, i), person.Id)));
        RequireUniqueChatIdentity(context, listPath, people, "SlackUserId", person => person.SlackUserId);
        RequireUniqueChatIdentity(context, listPath, people, "TeamsUserId", person => person.TeamsUserId);
        RequireUniqueChatIdentity(context, listPath, people, "Email", person => person.Email);
        for (var i = 0; i < people.Count; i++) CheckPerson(context, KeyPath.Item(listPath, i), people[i]);
    }

    /// <summary>An inbound chat user must map to exactly one person, or sign-offs would be recorded against the wrong one.</summary>
    private static void RequireUniqueChatIdentity(
        PolicyValidationContext context, string listPath, List<PersonOptions> people, string key, Func<PersonOptions, string> identity)
    {
        var firstHolder = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);
        for (var i = 0; i < people.Count; i++)
        {
            var value = identity(people[i]);
            if (string.IsNullOrWhiteSpace(value)) continue;
            if (!firstHolder.TryAdd(value, people[i].Id))
            {
                context.Problems.Add(KeyPath.Child(KeyPath.Item(listPath, i), key), $"'{value}' is already used by person '{firstHolder[value]}'");
            }
        }
    }

    private static void CheckPerson(PolicyValidationContext context, string personPath, PersonOptions person)
    {
        var rolesPath = KeyPath.Child(personPath, "Roles");
        if (person.Roles.Count == 0 && person.Assignments.Count == 0)
        {
            context.Problems.Add(rolesPath, $"person '{person.Id}' holds no role and has no assignments");
        }

        for (var j = 0; j < person.Roles.Count; j++) context.RequireRole(KeyPath.Item(rolesPath, j), person.Roles[j]);

        var assignmentsPath = KeyPath.Child(personPath, "Assignments");
        for (var j = 0; j < person.Assignments.Count; j++)
        {
            CheckAssignment(context, KeyPath.Item(assignmentsPath, j), person.Assignments[j]);
        }
    }

    private static void CheckAssignment(PolicyValidationContext context, string assignmentPath, AssignmentOptions assignment)
    {
        context.RequireRole(KeyPath.Child(assignmentPath, "Role"), assignment.Role);
        if (assignment.To is { } to && to < assignment.From)
        {
            context.Problems.Add(KeyPath.Child(assignmentPath, "To"), $"ends ({Day(to)}) before it starts ({Day(assignment.From)})");
        }
    }

    private static void CheckRotations(PolicyValidationContext context, List<RotationOptions> rotations)
    {
        var listPath = KeyPath.Child(KeyPath.Roster, "Rotations");
        context.RequireUniqueIds("rotation id", rotations.Select((rotation, i) => (IdPath(listPath, i), rotation.Id)));
        for (var i = 0; i < rotations.Count; i++) CheckRotation(context, KeyPath.Item(listPath, i), rotations[i]);
    }

    private static readonly TimeSpan MinimumShift = TimeSpan.FromHours(1);

    private static void CheckRotation(PolicyValidationContext context, string rotationPath, RotationOptions rotation)
    {
        var membersPath = KeyPath.Child(rotationPath, "Members");
        if (rotation.Members.Count == 0) context.Problems.Add(membersPath, "a rotation needs at least one member");
        for (var j = 0; j < rotation.Members.Count; j++) context.RequirePerson(KeyPath.Item(membersPath, j), rotation.Members[j]);

        CheckRotationStart(context, KeyPath.Child(rotationPath, "Start"), rotation.Start);
        context.RequirePositive(KeyPath.Child(rotationPath, "Length"), rotation.Length);
        if (rotation.Length > TimeSpan.Zero && rotation.Length < MinimumShift)
        {
            // A daylight-saving jump is an hour: shorter shifts could start before the previous one does.
            context.Problems.Add(KeyPath.Child(rotationPath, "Length"), "a shift must last at least one hour");
        }

        context.RequireIanaTimeZone(KeyPath.Child(rotationPath, "TimeZone"), rotation.TimeZone);
        CheckRotationRole(context, KeyPath.Child(rotationPath, "Role"), rotation);
    }

    private static void CheckRotationStart(PolicyValidationContext context, string startPath, DateTime start)
    {
        if (start == default)
        {
            context.Problems.Add(startPath, "missing: the local date and time the first shift starts, e.g. '2026-01-05T09:00'");
        }
        else if (start.Kind != DateTimeKind.Unspecified)
        {
            // A 'Z' or an offset makes the binder convert the value to the host's clock, which silently moves every handoff.
            context.Problems.Add(startPath, "must be a wall-clock time in the rotation's TimeZone, without 'Z' or a UTC offset");
        }
    }

    private static void CheckRotationRole(PolicyValidationContext context, string rolePath, RotationOptions rotation)
    {
        if (string.IsNullOrEmpty(rotation.Role)) return;
        context.RequireRole(rolePath, rotation.Role);
        if (context.Index.RotationPaging(rotation.Role) is { } claimant && !ReferenceEquals(claimant, rotation))
        {
            context.Problems.Add(rolePath, $"role '{rotation.Role}' is already paged through rotation '{claimant.Id}'; a role has at most one rotation");
        }
    }

    private static string IdPath(string listPath, int index) => KeyPath.Child(KeyPath.Item(listPath, index), "Id");

    private static string Day(DateOnly day) => day.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
}
