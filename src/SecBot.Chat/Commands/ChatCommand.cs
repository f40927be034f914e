namespace SecBot.Chat.Commands;

/// <summary>A command a person typed, independent of the chat platform it came from. The set of commands is closed.</summary>
public abstract record ChatCommand : ParseResult
{
    private protected ChatCommand()
    {
    }
}
