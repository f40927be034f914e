namespace SecBot.Chat.Commands;

/// <summary><c>declare</c> with no arguments: Slack opens a modal, Teams a card form.</summary>
public sealed record OpenDeclareFormCommand : ChatCommand;
