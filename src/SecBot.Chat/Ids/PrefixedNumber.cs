using System.Globalization;

namespace SecBot.Chat.Ids;

/// <summary>Reads and writes the <c>PREFIX-n</c> shape shared by the ids people type (incidents, gates, covers, retries).</summary>
internal static class PrefixedNumber
{
    public static bool TryParse(ReadOnlySpan<char> text, string prefix, out int number)
    {
        number = 0;
        if (!TryParseWide(text, prefix, out var wide) || wide > int.MaxValue) return false;
        number = (int)wide;
        return true;
    }

    /// <summary>The 64-bit form, for ids of rows that are numbered as such (outbox messages, timers).</summary>
    public static bool TryParseWide(ReadOnlySpan<char> text, string prefix, out long number)
    {
        number = 0;
        var trimmed = text.Trim();
        if (trimmed.Length < prefix.Length + 2) return false;
        if (!trimmed[..prefix.Length].Equals(prefix, StringComparison.OrdinalIgnoreCase)) return false;
        if (trimmed[prefix.Length] != '-') return false;

        // NumberStyles.None refuses signs, spaces and separators, so "INC- 4" and "INC-+4" are not ids.
        return long.TryParse(trimmed[(prefix.Length + 1)..], NumberStyles.None, CultureInfo.InvariantCulture, out number)
            && number > 0;
    }

    public static string Format(string prefix, long number) =>
        string.Create(CultureInfo.InvariantCulture, $"{prefix}-{number}");
}
