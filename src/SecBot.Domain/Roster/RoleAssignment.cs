namespace SecBot.Domain.Roster;

/// <summary>A role held over a span of days; <see cref="To"/> is the last day held, null when open-ended.</summary>
internal sealed record RoleAssignment(string Role, DateOnly From, DateOnly? To)
{
    public bool Covers(DateOnly day) => From <= day && (To is null || day <= To);

    /// <summary>The first day on which this assignment no longer applies, if it ever ends.</summary>
    public DateOnly? FirstDayAfter => To is { } last && last < DateOnly.MaxValue ? last.AddDays(1) : null;
}
