namespace SecBot.Chat.Commands;

/// <summary>What <see cref="Parsing.CommandParser"/> makes of a message: a <see cref="ChatCommand"/> or a <see cref="ParseError"/>.</summary>
public abstract record ParseResult
{
    private protected ParseResult()
    {
    }
}
