using SecBot.Chat.Ids;

namespace SecBot.Chat.Commands;

/// <summary><c>resubmit REV-n [note]</c>: a new revision of a gate that has changes requested.</summary>
public sealed record ResubmitCommand(GateId Gate, string? Note) : ChatCommand;
