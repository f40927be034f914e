namespace SecBot.Domain.Roster;

/// <summary>Someone on the roster, with the chat identities used to reach them and to recognise them.</summary>
public sealed record Person(string Id, string Name, string Email, string SlackUserId, string TeamsUserId);
