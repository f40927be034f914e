using SecBot.Chat.Ids;

namespace SecBot.Chat.Commands;

/// <summary><c>object REV-n &lt;text&gt;</c>: the text form of the Object button; an optional reviewer's objection, never blocking.</summary>
public sealed record ObjectCommand(GateId Gate, string Text) : ChatCommand;
