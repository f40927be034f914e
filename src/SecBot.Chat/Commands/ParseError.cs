namespace SecBot.Chat.Commands;

/// <summary>
/// The message was not a valid command. <paramref name="Problem"/> says what was wrong;
/// <paramref name="Usage"/> is the usage of the command meant, or of every command when that is unknown.
/// </summary>
public sealed record ParseError(string Problem, string Usage) : ParseResult;
