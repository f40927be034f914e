using SecBot.Domain.Policy;

namespace SecBot.Storage.Roster;

/// <summary>A <c>people</c> row; optional identities are NULL rather than empty.</summary>
internal sealed record PersonRow
{
    public string Id { get; init; } = "";
    public string Name { get; init; } = "";
    public string? Email { get; init; }
    public string? SlackUserId { get; init; }
    public string? TeamsUserId { get; init; }
    public bool Configured { get; init; }

    public static PersonRow FromOptions(PersonOptions person) => new()
    {
        Id = person.Id,
        Name = person.Name,
        Email = NullIfEmpty(person.Email),
        SlackUserId = NullIfEmpty(person.SlackUserId),
        TeamsUserId = NullIfEmpty(person.TeamsUserId),
        Configured = true,
    };

    private static string? NullIfEmpty(string? value) => string.IsNullOrWhiteSpace(value) ? null : value;
}
