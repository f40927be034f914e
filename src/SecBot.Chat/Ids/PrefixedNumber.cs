using System.Globalization;

namespace SecBot.Chat.Ids;

/// <summary>Reads and writes the <c>PREFIX-n</c> shape shared by incident and gate ids.</summary>
internal static class PrefixedNumber
{
    public static bool TryParse(ReadOnlySpan<char> text, string prefix, out int number)
    {
        number = 0;
        var trimmed = text.Trim();
        if (trimmed.Length < prefix.Length + 2) return false;
        if (!trimmed[..prefix.Length].Equals(prefix, StringComparison.OrdinalIgnoreCase)) return false;
        if (trimmed[prefix.Length] != '-') return false;

        // NumberStyles.None refuses signs, spaces and separators, so "INC- 4" and "INC-+4" are not ids.
        return int.TryParse(trimmed[(prefix.Length + 1)..], NumberStyles.None, CultureInfo.InvariantCulture, out number)
            && number > 0;
    }

    public static string Format(string prefix, int number) =>
        string.Create(CultureInfo.InvariantCulture, $"{prefix}-{number}");
}
