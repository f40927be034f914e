namespace SecBot.Chat.Commands;

/// <summary>
/// <c>help [command]</c>. <paramref name="Topic"/> is the canonical command word asked about, or null for every command;
/// <paramref name="Note"/> says what was guessed when the topic was a misspelling (<c>help aprove</c>).
/// </summary>
public sealed record HelpCommand(string? Topic, string? Note = null) : ChatCommand;
