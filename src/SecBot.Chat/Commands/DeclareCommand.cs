namespace SecBot.Chat.Commands;

/// <summary>
/// <c>declare &lt;title&gt; [level:L] [type:T]</c>. <paramref name="Level"/> and <paramref name="Type"/> are the
/// policy's canonical names (an alias such as <c>EXEC</c> is already resolved), or null when not given.
/// </summary>
public sealed record DeclareCommand(string Title, string? Level, string? Type) : ChatCommand;
