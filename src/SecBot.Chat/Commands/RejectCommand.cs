using SecBot.Chat.Ids;

namespace SecBot.Chat.Commands;

/// <summary><c>reject REV-n &lt;reason&gt;</c>: the text form of the Reject button; the reason is required.</summary>
public sealed record RejectCommand(GateId Gate, string Reason) : ChatCommand;
