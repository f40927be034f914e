namespace SecBot.Chat.Commands;

/// <summary>
/// A Teams mention, <c>&lt;at&gt;Maya Chen&lt;/at&gt;</c>. The text holds only the display name; the Teams adapter
/// finds the AAD object id in the activity's mention entities.
/// </summary>
public sealed record TeamsMentionReference(string DisplayName) : PersonReference;
