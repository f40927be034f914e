using SecBot.Chat.Ids;

namespace SecBot.Chat.Commands;

/// <summary><c>ack [INC-n]</c>. A null <paramref name="Incident"/> means the incident of the channel or thread it was typed in.</summary>
public sealed record AckCommand(IncidentId? Incident) : ChatCommand;
