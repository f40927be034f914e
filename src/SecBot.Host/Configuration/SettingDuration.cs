using System.Diagnostics.CodeAnalysis;
using System.Globalization;
using System.Text.RegularExpressions;

namespace SecBot.Host.Configuration;

/// <summary>
/// The one rule for every duration SecBot reads from configuration. Accepted: TimeSpan text <c>d.hh:mm:ss[.fffffff]</c>,
/// or <c>hh:mm:ss</c> with hours below 24; and explicit units, largest first: <c>30s</c>, <c>10m</c>, <c>24h</c>, <c>7d</c>,
/// <c>1h30m</c>, <c>500ms</c>. Refused: forms .NET reads differently from a person — <c>"24:00:00"</c> is 24 days to .NET,
/// <c>"10:00"</c> is 10 hours (often meant as 10 minutes), a bare <c>"10"</c> is 10 days — and negatives and anything else.
/// </summary>
public static partial class SettingDuration
{
    private const string TooLong = "is too long for a duration";

    public const string AcceptedForms =
        "write d.hh:mm:ss, or hh:mm:ss with hours below 24 (e.g. '00:10:00', '1.00:00:00'), or units (e.g. '30s', '10m', '24h', '7d', '1h30m')";

    /// <summary>
    /// Reads <paramref name="text"/> by the rule. On refusal, <paramref name="refusal"/> completes the sentence
    /// "<c>'&lt;text&gt;' …</c>": what is wrong and the forms that would say it (<c>is ambiguous (…); write '1.00:00:00' or '24h'</c>).
    /// </summary>
    public static bool TryParse(string? text, out TimeSpan value, [NotNullWhen(false)] out string? refusal)
    {
        value = TimeSpan.Zero;
        var trimmed = text?.Trim() ?? "";
        refusal = trimmed switch
        {
            "" => $"is empty; {AcceptedForms}",
            _ when trimmed.StartsWith('-') => "is negative; a duration must not be negative",
            _ when UnitForm().Match(trimmed) is { Success: true } units => FromUnits(units, out value),
            _ when ClockForm().Match(trimmed) is { Success: true } clock => FromClock(trimmed, clock, out value),
            _ when BareNumber().IsMatch(trimmed) =>
                $"has no unit{(DotNetReading(trimmed) is { } reading ? $" ({reading})" : "")}; write '{trimmed}s', '{trimmed}m', '{trimmed}h' or '{trimmed}d'",
            _ => $"is not a duration; {AcceptedForms}",
        };
        if (refusal is not null) value = TimeSpan.Zero;
        return refusal is null;
    }

    /// <summary>The TimeSpan text the configuration binder reads back exactly (<c>00:10:00</c>, <c>1.00:00:00</c>).</summary>
    public static string Text(TimeSpan value) => value.ToString("c", CultureInfo.InvariantCulture);

    /// <summary>In words, for people reading the log: "10 minutes", "1 day 6 hours".</summary>
    public static string Words(TimeSpan value)
    {
        if (value == TimeSpan.Zero) return "0 seconds";
        var parts = new List<string>();
        Add(parts, value.Days, "day");
        Add(parts, value.Hours, "hour");
        Add(parts, value.Minutes, "minute");
        Add(parts, value.Seconds, "second");
        Add(parts, value.Milliseconds, "millisecond");
        return parts.Count > 0 ? string.Join(' ', parts) : $"{value.Ticks.ToString(CultureInfo.InvariantCulture)} ticks";
    }

    private static void Add(List<string> parts, long count, string unit)
    {
        if (count != 0) parts.Add(count == 1 ? $"1 {unit}" : $"{count.ToString(CultureInfo.InvariantCulture)} {unit}s");
    }

    private static string? FromUnits(Match units, out TimeSpan value)
    {
        value = TimeSpan.Zero;
        if (!TryNumber(units, "d", out var days) || !TryNumber(units, "h", out var hours) || !TryNumber(units, "m", out var minutes)
            || !TryNumber(units, "s", out var seconds) || !TryNumber(units, "ms", out var milliseconds))
        {
            return TooLong;
        }

        return TryTicks(out value, days, hours, minutes, seconds, milliseconds, 0) ? null : TooLong;
    }

    private static string? FromClock(string text, Match clock, out TimeSpan value)
    {
        value = TimeSpan.Zero;
        if (!TryNumber(clock, "d", out var days) || !TryNumber(clock, "h", out var hours)) return TooLong;
        TryNumber(clock, "m", out var minutes);
        TryNumber(clock, "s", out var seconds);
        var fraction = clock.Groups["f"].Success ? long.Parse(clock.Groups["f"].Value.PadRight(7, '0'), CultureInfo.InvariantCulture) : 0;
        if (minutes >= 60 || seconds >= 60) return $"is not a duration (minutes and seconds must be below 60); {AcceptedForms}";
        if (!TryTicks(out value, days, hours, minutes, seconds, 0, fraction)) return TooLong;
        if (!clock.Groups["s"].Success)
        {
            return clock.Groups["d"].Success
                ? $"is not a duration (the seconds are missing); {AcceptedForms}"
                : $"is ambiguous ({(DotNetReading(text) is { } reading ? $"{reading}; " : "")}it may be meant as minutes:seconds); "
                    + $"write {Suggest(hours, minutes, 0, 0)} if hours:minutes, {Suggest(0, hours, minutes, 0)} if minutes:seconds";
        }

        if (hours >= 24)
        {
            return clock.Groups["d"].Success
                ? $"is not a duration (hours must be below 24 after a day part); {AcceptedForms}"
                : $"is ambiguous ({DotNetReading(text) ?? "hours of 24 or more need a day part"}); "
                    + $"write {Suggest(hours, minutes, seconds, fraction)}";
        }

        return null;
    }

    private static bool TryNumber(Match match, string group, out long number)
    {
        number = 0;
        return !match.Groups[group].Success || long.TryParse(match.Groups[group].Value, NumberStyles.None, CultureInfo.InvariantCulture, out number);
    }

    private static bool TryTicks(out TimeSpan value, long days, long hours, long minutes, long seconds, long milliseconds, long ticks)
    {
        try
        {
            value = TimeSpan.FromTicks(checked(
                days * TimeSpan.TicksPerDay + hours * TimeSpan.TicksPerHour + minutes * TimeSpan.TicksPerMinute
                + seconds * TimeSpan.TicksPerSecond + milliseconds * TimeSpan.TicksPerMillisecond + ticks));
            return true;
        }
        catch (OverflowException)
        {
            value = TimeSpan.Zero;
            return false;
        }
    }

    /// <summary>
    /// "'1.00:00:00' or '24h'": the length as TimeSpan text and in units, the units counted as the person counted them.
    /// The caller has checked that the whole value fits, so this reading of its parts does too.
    /// </summary>
    private static string Suggest(long hours, long minutes, long seconds, long fractionTicks)
    {
        TryTicks(out var length, 0, hours, minutes, seconds, 0, fractionTicks);
        var units = (hours > 0 ? $"{hours}h" : "") + (minutes > 0 ? $"{minutes}m" : "") + (seconds > 0 ? $"{seconds}s" : "");
        if (fractionTicks % TimeSpan.TicksPerMillisecond != 0) return $"'{Text(length)}'";
        if (fractionTicks > 0) units += $"{fractionTicks / TimeSpan.TicksPerMillisecond}ms";
        return $"'{Text(length)}' or '{(units.Length > 0 ? units : "0s")}'";
    }

    /// <summary>".NET reads it as 24 days", or null when .NET would refuse it too.</summary>
    private static string? DotNetReading(string text) =>
        TimeSpan.TryParse(text, CultureInfo.InvariantCulture, out var read) ? $".NET reads it as {Words(read)}" : null;

    // Every part optional: the empty string also matches, but TryParse has refused it before.
    [GeneratedRegex(@"^(?:(?<d>[0-9]+)d)?\s*(?:(?<h>[0-9]+)h)?\s*(?:(?<m>[0-9]+)m)?\s*(?:(?<s>[0-9]+)s)?\s*(?:(?<ms>[0-9]+)ms)?$", RegexOptions.CultureInvariant)]
    private static partial Regex UnitForm();

    [GeneratedRegex(@"^(?:(?<d>[0-9]+)\.)?(?<h>[0-9]+):(?<m>[0-9]{1,2})(?::(?<s>[0-9]{1,2})(?:\.(?<f>[0-9]{1,7}))?)?$", RegexOptions.CultureInvariant)]
    private static partial Regex ClockForm();

    [GeneratedRegex("^[0-9]+$", RegexOptions.CultureInvariant)]
    private static partial Regex BareNumber();
}
