namespace SecBot.Chat.Commands;

/// <summary>A Slack user mention, <c>&lt;@U0MAYA0001&gt;</c>: the roster's <c>SlackUserId</c>.</summary>
public sealed record SlackUserReference(string UserId) : PersonReference;
