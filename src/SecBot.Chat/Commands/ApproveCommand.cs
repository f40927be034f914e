using SecBot.Chat.Ids;

namespace SecBot.Chat.Commands;

/// <summary><c>approve REV-n [comment]</c>: the text form of the Approve button.</summary>
public sealed record ApproveCommand(GateId Gate, string? Comment) : ChatCommand;
