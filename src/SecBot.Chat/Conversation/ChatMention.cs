namespace SecBot.Chat.Conversation;

/// <summary>
/// A person the request mentions, as the adapter found them in the platform's own data: their user id on the sender's
/// platform (a Slack <c>U…</c> id, a Teams AAD object id) and the text the mention shows in the message (Slack's
/// <c>&lt;@U…&gt;</c>, the display name inside Teams' <c>&lt;at&gt;…&lt;/at&gt;</c>). A mention in a command is resolved
/// through it by that id, never by the name it shows.
/// </summary>
public sealed record ChatMention(string UserId, string Text);
