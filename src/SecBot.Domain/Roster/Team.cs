namespace SecBot.Domain.Roster;

/// <summary>A team and the role that manages it, paged when nobody is on call for one of the team's roles.</summary>
public sealed record Team(string Id, string Name, string ManagerRole);
