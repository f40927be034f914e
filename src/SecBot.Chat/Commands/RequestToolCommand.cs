namespace SecBot.Chat.Commands;

/// <summary><c>request tool &lt;title&gt;</c>: opens a <c>tool-request</c> gate.</summary>
public sealed record RequestToolCommand(string Title) : ChatCommand;
