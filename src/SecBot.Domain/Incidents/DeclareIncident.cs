namespace SecBot.Domain.Incidents;

/// <summary>A request to declare an incident; <see cref="Level"/> and <see cref="Type"/> default from policy.</summary>
public sealed record DeclareIncident(string Title, string? Level, string? Type, string DeclaredBy, string? Origin = null);
