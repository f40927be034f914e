using SecBot.Chat.Ids;

namespace SecBot.Chat.Commands;

/// <summary><c>escalate INC-n [reason]</c>. A null <paramref name="Incident"/> means the incident of the channel or thread it was typed in.</summary>
public sealed record EscalateCommand(IncidentId? Incident, string? Reason) : ChatCommand;
