using SecBot.Chat.Ids;

namespace SecBot.Chat.Commands;

/// <summary><c>status INC-n</c>.</summary>
public sealed record IncidentStatusCommand(IncidentId Incident) : ChatCommand;
