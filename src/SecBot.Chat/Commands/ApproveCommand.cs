using SecBot.Chat.Ids;

namespace SecBot.Chat.Commands;

/// <summary>
/// <c>approve REV-n [stage:&lt;n&gt;] [comment]</c>: the text form of the Approve button. <see cref="Stage"/> names the
/// stage meant, needed to sign a later stage of a gate whose earlier stage the approver signed.
/// </summary>
public sealed record ApproveCommand(GateId Gate, string? Comment, int? Stage = null) : ChatCommand;
