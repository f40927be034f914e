namespace SecBot.Storage.Roster;

/// <summary>
/// A chat user id learned for roster person <paramref name="PersonId"/> on <paramref name="Platform"/> from their roster
/// e-mail <paramref name="Email"/> (e.g. Slack's users.lookupByEmail) at <paramref name="LearnedAt"/>.
/// </summary>
public sealed record LearnedPlatformId(string PersonId, string Platform, string UserId, string Email, DateTimeOffset LearnedAt);
