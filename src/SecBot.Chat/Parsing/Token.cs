namespace SecBot.Chat.Parsing;

/// <summary>
/// One word of a message, or one quoted phrase. <see cref="Raw"/> is the text as typed, quotes included;
/// <see cref="Value"/> is the text without its quotes. <see cref="Start"/> and <see cref="End"/> index the normalized message.
/// </summary>
internal readonly record struct Token(string Value, string Raw, int Start, int End, bool IsQuoted);
