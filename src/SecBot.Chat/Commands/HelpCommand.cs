namespace SecBot.Chat.Commands;

/// <summary><c>help [command]</c>. <paramref name="Topic"/> is the canonical command word asked about, or null for every command.</summary>
public sealed record HelpCommand(string? Topic) : ChatCommand;
