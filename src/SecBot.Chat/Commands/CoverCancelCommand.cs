using SecBot.Chat.Ids;

namespace SecBot.Chat.Commands;

/// <summary><c>cover cancel COV-n</c>: take a cover back; it is kept, marked cancelled by the caller.</summary>
public sealed record CoverCancelCommand(CoverId Cover) : ChatCommand;
