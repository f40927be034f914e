namespace SecBot.Chat.Commands;

/// <summary><c>cover list [role]</c>: covers in force or to come, of one role (its canonical id) or of every role when null.</summary>
public sealed record CoverListCommand(string? Role) : ChatCommand;
