namespace SecBot.Domain.Roster;

/// <summary>One person's roles over time: dated assignments covering a day replace the current roles on that day.</summary>
internal sealed class RoleHistory
{
    private readonly IReadOnlyList<string> _currentRoles;
    private readonly IReadOnlyList<RoleAssignment> _assignments;

    public RoleHistory(IEnumerable<string> currentRoles, IEnumerable<RoleAssignment> assignments)
    {
        _currentRoles = currentRoles.Distinct(StringComparer.OrdinalIgnoreCase).ToArray().AsReadOnly();
        _assignments = assignments.ToArray().AsReadOnly();
        ChangeDays = _assignments
            .SelectMany(assignment => new[] { (DateOnly?)assignment.From, assignment.FirstDayAfter })
            .OfType<DateOnly>()
            .Distinct()
            .Order()
            .ToArray()
            .AsReadOnly();
    }

    /// <summary>Days on which this person's roles may differ from the day before.</summary>
    public IReadOnlyList<DateOnly> ChangeDays { get; }

    public IReadOnlyList<string> RolesOn(DateOnly day)
    {
        var dated = _assignments
            .Where(assignment => assignment.Covers(day))
            .Select(assignment => assignment.Role)
            .Distinct(StringComparer.OrdinalIgnoreCase)
            .ToArray();
        return dated.Length > 0 ? dated.AsReadOnly() : _currentRoles;
    }

    public bool Holds(string roleId, DateOnly day) => RolesOn(day).Contains(roleId, StringComparer.OrdinalIgnoreCase);
}
