using SecBot.Chat.Ids;

namespace SecBot.Chat.Commands;

/// <summary>
/// <c>retry</c>: list what SecBot gave up on (undelivered messages, parked timers); <c>retry MSG-n|TMR-n</c>: re-queue
/// one (a team manager). A null <paramref name="Target"/> lists.
/// </summary>
public sealed record RetryCommand(RetryId? Target) : ChatCommand;
