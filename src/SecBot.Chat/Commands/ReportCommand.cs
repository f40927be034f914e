using SecBot.Chat.Ids;

namespace SecBot.Chat.Commands;

/// <summary><c>report INC-n</c>: the incident's postmortem draft (read-only).</summary>
public sealed record ReportCommand(IncidentId Incident) : ChatCommand;
