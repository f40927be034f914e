namespace SecBot.Chat.Commands;

/// <summary><c>reviews</c>: the gates waiting on the caller.</summary>
public sealed record PendingReviewsCommand : ChatCommand;
