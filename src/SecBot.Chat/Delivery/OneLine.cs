namespace SecBot.Chat.Delivery;

/// <summary>Text that status shows on a line of its own: error texts, and every timeline row with the user text in it.</summary>
internal static class OneLine
{
    public const int MaxLength = 200;

    public static string Shorten(string? text, string ifNone = "no error recorded")
    {
        var line = string.IsNullOrWhiteSpace(text) ? ifNone : text.ReplaceLineEndings(" ");
        return line.Length <= MaxLength ? line : string.Concat(line.AsSpan(0, MaxLength - 1), "…");
    }

    /// <summary><paramref name="text"/> on one line (<see cref="SecBot.Domain.UserText.OneLine"/>): a row built from it stays one row.</summary>
    public static string Of(string? text) => SecBot.Domain.UserText.OneLine(text);
}
