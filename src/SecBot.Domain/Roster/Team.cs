namespace SecBot.Domain.Roster;

/// <summary>A team and the role that manages it, paged when nobody is on call for one of the team's roles.</summary>
public sealed record Team(string Id, string Name, string ManagerRole)
{
    /// <summary>The name people know the team by; its id when it has none.</summary>
    public string Label => Name.Length > 0 ? Name : Id;
}
