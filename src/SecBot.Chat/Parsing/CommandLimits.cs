namespace SecBot.Chat.Parsing;

/// <summary>
/// Length limits on what people type, in UTF-16 characters. Forms and modals use the same numbers so a
/// title accepted in one place is accepted in every other.
/// </summary>
public static class CommandLimits
{
    public const int TitleMaxLength = 300;

    /// <summary>Reasons, summaries, comments and notes.</summary>
    public const int TextMaxLength = 2000;

    public const int PersonNameMaxLength = 100;

    /// <summary>Longer messages are refused before any parsing, which bounds the work one message can cause.</summary>
    public const int MessageMaxLength = 20_000;
}
