using SecBot.Chat.Ids;

namespace SecBot.Chat.Commands;

/// <summary><c>resolve INC-n [summary]</c>. A null <paramref name="Incident"/> means the incident of the channel or thread it was typed in.</summary>
public sealed record ResolveCommand(IncidentId? Incident, string? Summary) : ChatCommand;
