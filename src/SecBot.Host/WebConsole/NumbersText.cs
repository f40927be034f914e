using System.Globalization;

namespace SecBot.Host.WebConsole;

/// <summary>How the numbers page writes a mean duration: its two largest units (<c>1 h 5 min</c>, <c>2 min 30 s</c>, <c>4.5 s</c>).</summary>
public static class NumbersText
{
    public static string Duration(TimeSpan span)
    {
        if (span < TimeSpan.Zero) span = TimeSpan.Zero;
        if (span.TotalDays >= 1) return Two((int)span.TotalDays, "d", span.Hours, "h");
        if (span.TotalHours >= 1) return Two(span.Hours, "h", span.Minutes, "min");
        if (span.TotalMinutes >= 1) return Two(span.Minutes, "min", span.Seconds, "s");
        return Math.Round(span.TotalSeconds, 1).ToString("0.#", CultureInfo.InvariantCulture) + " s";
    }

    /// <summary>The exact value for machines (a table cell's <c>data-seconds</c>).</summary>
    public static string Seconds(TimeSpan span) => span.TotalSeconds.ToString("0.###", CultureInfo.InvariantCulture);

    private static string Two(int first, string firstUnit, int second, string secondUnit) =>
        second == 0
            ? $"{first.ToString(CultureInfo.InvariantCulture)} {firstUnit}"
            : $"{first.ToString(CultureInfo.InvariantCulture)} {firstUnit} {second.ToString(CultureInfo.InvariantCulture)} {secondUnit}";
}
