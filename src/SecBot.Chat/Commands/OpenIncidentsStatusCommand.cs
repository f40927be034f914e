namespace SecBot.Chat.Commands;

/// <summary><c>status</c> with no id: every open incident.</summary>
public sealed record OpenIncidentsStatusCommand : ChatCommand;
