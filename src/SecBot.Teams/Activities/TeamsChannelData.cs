namespace SecBot.Teams.Activities;

/// <summary>Teams' <c>channelData</c>: the tenant, and for channels the team and channel; the install event; the card message of a legacy click.</summary>
public sealed record TeamsChannelData
{
    public TeamsEntityRef? Tenant { get; init; }
    public TeamsEntityRef? Team { get; init; }
    public TeamsEntityRef? Channel { get; init; }

    /// <summary><c>teamMemberAdded</c> and the like, on <c>conversationUpdate</c>.</summary>
    public string? EventType { get; init; }
    public TeamsLegacyData? Legacy { get; init; }
}

/// <summary>A tenant, team or channel: its id, and its name when Teams sends one.</summary>
public sealed record TeamsEntityRef
{
    public string? Id { get; init; }
    public string? Name { get; init; }
}

/// <summary><c>channelData.legacy</c>: the card message's id as older clients report it.</summary>
public sealed record TeamsLegacyData
{
    public string? ReplyToId { get; init; }
}
