using SecBot.Chat.Ids;

namespace SecBot.Chat.Commands;

/// <summary><c>comment REV-n &lt;text&gt;</c>: the text form of the Comment button; a reviewer's comment that signs nothing.</summary>
public sealed record CommentCommand(GateId Gate, string Text) : ChatCommand;
