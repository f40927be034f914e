namespace SecBot.Chat.Commands;

/// <summary>
/// A Teams mention, <c>&lt;at&gt;Maya Chen&lt;/at&gt;</c>. The text holds only the display name; the Teams adapter
/// puts the AAD object id from the activity's mention entities in <c>ChatRequest.Mentions</c>, and the person is
/// found by that id (<c>PersonDirectory.Find</c>), never by the name.
/// </summary>
public sealed record TeamsMentionReference(string DisplayName) : PersonReference;
