namespace SecBot.Chat.Delivery;

/// <summary>Error texts as status shows them: on one line, and not too long.</summary>
internal static class OneLine
{
    public const int MaxLength = 200;

    public static string Shorten(string? text, string ifNone = "no error recorded")
    {
        var line = string.IsNullOrWhiteSpace(text) ? ifNone : text.ReplaceLineEndings(" ");
        return line.Length <= MaxLength ? line : string.Concat(line.AsSpan(0, MaxLength - 1), "…");
    }
}
