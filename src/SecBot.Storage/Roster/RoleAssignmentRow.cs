using System.Globalization;
using SecBot.Domain.Policy;

namespace SecBot.Storage.Roster;

/// <summary>A <c>role_assignments</c> row; two rows are the same assignment when everything but the id matches.</summary>
internal sealed record RoleAssignmentRow
{
    public long Id { get; init; }
    public string PersonId { get; init; } = "";
    public string Role { get; init; } = "";
    public string? FromDate { get; init; }
    public string? ToDate { get; init; }
    public bool Current { get; init; }

    public RoleAssignmentRow WithoutId() => this with { Id = 0 };

    public static IEnumerable<RoleAssignmentRow> FromOptions(PersonOptions person)
    {
        foreach (var role in person.Roles)
        {
            yield return new RoleAssignmentRow { PersonId = person.Id, Role = role, Current = true };
        }

        foreach (var assignment in person.Assignments)
        {
            yield return new RoleAssignmentRow
            {
                PersonId = person.Id,
                Role = assignment.Role,
                FromDate = FormatDate(assignment.From),
                ToDate = assignment.To is { } to ? FormatDate(to) : null,
                Current = false,
            };
        }
    }

    private static string FormatDate(DateOnly date) => date.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
}
