using SecBot.Chat.Ids;

namespace SecBot.Chat.Commands;

/// <summary><c>status REV-n</c>.</summary>
public sealed record GateStatusCommand(GateId Gate) : ChatCommand;
