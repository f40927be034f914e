using System.Globalization;
using SecBot.Chat.Cards;

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

    /// <summary>The limit of a form input: a reason, summary or comment is text as typed; anything else at most a message.</summary>
    internal static int ForInput(string inputId) => inputId switch
    {
        ActionIds.Inputs.Reason or ActionIds.Inputs.Summary or ActionIds.Inputs.Comment => TextMaxLength,
        _ => MessageMaxLength,
    };

    /// <summary>What is wrong with <paramref name="text"/> when it is over <paramref name="limit"/>, worded alike for typed text and forms; null when it fits.</summary>
    internal static string? TooLong(string what, string? text, int limit) =>
        text is not null && text.Length > limit ? $"The {what} is {Count(text.Length)} characters long; the limit is {Count(limit)}." : null;

    private static string Count(int number) => number.ToString("N0", CultureInfo.InvariantCulture);
}
