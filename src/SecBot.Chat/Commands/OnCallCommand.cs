namespace SecBot.Chat.Commands;

/// <summary><c>oncall [role]</c>. <paramref name="Role"/> is the canonical role id, or null for every role.</summary>
public sealed record OnCallCommand(string? Role) : ChatCommand;
