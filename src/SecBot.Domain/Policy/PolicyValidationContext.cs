using System.Globalization;

namespace SecBot.Domain.Policy;

/// <summary>The policy under validation, its lookups, the problems found so far, and the checks every section shares.</summary>
internal sealed class PolicyValidationContext(PolicyOptions policy)
{
    public PolicyOptions Policy { get; } = policy;
    public PolicyIndex Index { get; } = new(policy);
    public PolicyProblems Problems { get; } = new();

    /// <summary>
    /// Ids must be present, a single word (they are typed in chat commands) and unique. Uniqueness
    /// ignores letter case so that "Maya" and "maya" can never be two different people.
    /// </summary>
    public void RequireUniqueIds(string idNoun, IEnumerable<(string KeyPath, string Id)> ids)
    {
        var seen = new HashSet<string>(StringComparer.OrdinalIgnoreCase);
        foreach (var (keyPath, id) in ids)
        {
            if (string.IsNullOrWhiteSpace(id))
            {
                Problems.Add(keyPath, $"{idNoun} must not be empty");
                continue;
            }

            if (id.Any(char.IsWhiteSpace)) Problems.Add(keyPath, $"{idNoun} '{id}' must not contain spaces");
            if (!seen.Add(id)) Problems.Add(keyPath, $"duplicate {idNoun} '{id}'");
        }
    }

    public void RequireRole(string keyPath, string roleId)
    {
        if (!Index.Roles.Contains(roleId)) Problems.Add(keyPath, Index.Roles.NotFound($"unknown role '{roleId}'", roleId));
    }

    /// <summary>For role references that may be left empty (a rotation's role, an incident type's lead role).</summary>
    public void RequireRoleIfSet(string keyPath, string roleId)
    {
        if (!string.IsNullOrEmpty(roleId)) RequireRole(keyPath, roleId);
    }

    public void RequireTeam(string keyPath, string teamId)
    {
        if (!Index.Teams.Contains(teamId)) Problems.Add(keyPath, Index.Teams.NotFound($"no team with id '{teamId}'", teamId));
    }

    public void RequirePerson(string keyPath, string personId)
    {
        if (!Index.People.Contains(personId)) Problems.Add(keyPath, Index.People.NotFound($"no person with id '{personId}'", personId));
    }

    public void RequireRotation(string keyPath, string rotationId)
    {
        if (!Index.Rotations.Contains(rotationId)) Problems.Add(keyPath, Index.Rotations.NotFound($"no rotation with id '{rotationId}'", rotationId));
    }

    public void RequireLevel(string keyPath, string levelName)
    {
        if (!Index.Levels.Contains(levelName)) Problems.Add(keyPath, Index.Levels.NotFound($"no escalation level named '{levelName}'", levelName));
    }

    public void RequireSeat(string keyPath, string seatId)
    {
        if (!Index.Seats.Contains(seatId)) Problems.Add(keyPath, Index.Seats.NotFound($"no seat with id '{seatId}'", seatId));
    }

    public void RequireGateType(string keyPath, string gateTypeId)
    {
        if (!Index.GateTypes.Contains(gateTypeId)) Problems.Add(keyPath, Index.GateTypes.NotFound($"no gate type with id '{gateTypeId}'", gateTypeId));
    }

    public void RequirePositive(string keyPath, TimeSpan duration)
    {
        if (duration <= TimeSpan.Zero)
        {
            Problems.Add(keyPath, $"must be a positive duration (is {duration.ToString("c", CultureInfo.InvariantCulture)})");
        }
    }

    /// <summary>IANA ids only, so that one configuration file means the same on Linux and Windows hosts.</summary>
    public void RequireIanaTimeZone(string keyPath, string timeZoneId)
    {
        if (string.IsNullOrWhiteSpace(timeZoneId))
        {
            Problems.Add(keyPath, "must name an IANA time zone, e.g. 'Europe/London'");
        }
        else if (!TimeZoneInfo.TryFindSystemTimeZoneById(timeZoneId, out var zone))
        {
            Problems.Add(keyPath, $"unknown IANA time zone '{timeZoneId}'");
        }
        else if (!zone.HasIanaId)
        {
            var hint = TimeZoneInfo.TryConvertWindowsIdToIanaId(timeZoneId, out var ianaId) ? $"; use '{ianaId}'" : "";
            Problems.Add(keyPath, $"'{timeZoneId}' is a Windows time zone id, not an IANA one{hint}");
        }
    }
}
