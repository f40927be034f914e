namespace SecBot.Domain.Roster;

/// <summary>A role of the org chart; <see cref="TeamId"/> is empty for roles outside the org (the Executive contact).</summary>
public sealed record Role(string Id, string Name, string TeamId);
