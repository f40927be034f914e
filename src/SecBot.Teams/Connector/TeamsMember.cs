namespace SecBot.Teams.Connector;

/// <summary>
/// A conversation member as the Connector describes them (ChannelAccount, teams-protocol.md §3): the per-bot
/// <c>29:</c> id, and the Entra object id, e-mail and UPN that tie them to a roster person.
/// </summary>
public sealed record TeamsMember(string Id, string? Name, string? AadObjectId, string? Email, string? UserPrincipalName);
