using System.Globalization;

namespace SecBot.Domain;

/// <summary>
/// The one way SecBot writes times and durations for people: <c>Fri 4 Dec 19:15 UTC</c>, or in a roster's zone
/// where a shift handover is meant (<c>Mon 7 Dec 09:00 Europe/London</c>, with the UTC time added when the zone is
/// not on UTC that day); durations as <c>10 minutes</c>, <c>3 days</c>.
/// </summary>
public static class ReadableTime
{
    private const string DayAndTime = "ddd d MMM HH:mm";

    /// <summary><c>Fri 4 Dec 19:15 UTC</c>.</summary>
    public static string Utc(DateTimeOffset instant) =>
        instant.UtcDateTime.ToString(DayAndTime, CultureInfo.InvariantCulture) + " UTC";

    /// <summary>
    /// <c>Mon 7 Dec 09:00 Europe/London</c>; when the zone is off UTC then, the UTC time follows:
    /// <c>Mon 6 Jul 09:00 Europe/London (08:00 UTC)</c>, with the UTC day too when it differs.
    /// </summary>
    public static string InZone(DateTimeOffset instant, TimeZoneInfo zone)
    {
        ArgumentNullException.ThrowIfNull(zone);
        if (instant == DateTimeOffset.MinValue || instant == DateTimeOffset.MaxValue) return Utc(instant);
        var local = TimeZoneInfo.ConvertTime(instant, zone);
        var text = local.ToString(DayAndTime, CultureInfo.InvariantCulture) + " " + ZoneName(zone);
        if (local.Offset == TimeSpan.Zero) return text;
        var utc = instant.UtcDateTime;
        var utcText = utc.Date == local.Date
            ? utc.ToString("HH:mm", CultureInfo.InvariantCulture) + " UTC"
            : Utc(instant);
        return $"{text} ({utcText})";
    }

    /// <summary><c>Mon 2 Mar</c>: a calendar day (of the roster's zone, where the caller took it from).</summary>
    public static string Day(DateOnly day) => day.ToString("ddd d MMM", CultureInfo.InvariantCulture);

    /// <summary>
    /// A window in a zone: <c>Mon 2 Mar 10:00–18:00 Europe/London</c> within one local day (UTC times added when the
    /// zone is off UTC: <c>(09:00–17:00 UTC)</c>), else <c>Mon 2 Mar 18:00 Europe/London to Tue 3 Mar 09:00 Europe/London</c>.
    /// </summary>
    public static string RangeInZone(DateTimeOffset from, DateTimeOffset to, TimeZoneInfo zone)
    {
        ArgumentNullException.ThrowIfNull(zone);
        var unbounded = from == DateTimeOffset.MinValue || to == DateTimeOffset.MaxValue || to == DateTimeOffset.MinValue || from == DateTimeOffset.MaxValue;
        var localFrom = unbounded ? from : TimeZoneInfo.ConvertTime(from, zone);
        var localTo = unbounded ? to : TimeZoneInfo.ConvertTime(to, zone);
        if (unbounded || localFrom.Date != localTo.Date || localFrom.Offset != localTo.Offset) return $"{InZone(from, zone)} to {InZone(to, zone)}";

        var text = $"{localFrom.ToString(DayAndTime, CultureInfo.InvariantCulture)}–{localTo.ToString("HH:mm", CultureInfo.InvariantCulture)} {ZoneName(zone)}";
        return localFrom.Offset == TimeSpan.Zero
            ? text
            : $"{text} ({from.UtcDateTime.ToString("HH:mm", CultureInfo.InvariantCulture)}–{to.UtcDateTime.ToString("HH:mm", CultureInfo.InvariantCulture)} UTC)";
    }

    /// <summary>How long, as people say it: <c>30 seconds</c>, <c>10 minutes</c>, <c>1 hour 30 minutes</c>, <c>3 days</c> (rounded down).</summary>
    public static string Span(TimeSpan span)
    {
        if (span < TimeSpan.Zero) span = TimeSpan.Zero;
        if (span >= TimeSpan.FromDays(2)) return Count(span.TotalDays, "day");
        if (span >= TimeSpan.FromHours(1))
        {
            var hours = Count(span.TotalHours, "hour");
            return span.Minutes == 0 ? hours : $"{hours} {Count(span.Minutes, "minute")}";
        }

        return span >= TimeSpan.FromMinutes(1) ? Count(span.TotalMinutes, "minute") : Count(span.TotalSeconds, "second");
    }

    /// <summary><c>just now</c> under a minute, else <c>5 minutes ago</c>.</summary>
    public static string Ago(TimeSpan span) => span < TimeSpan.FromMinutes(1) ? "just now" : Span(span) + " ago";

    /// <summary><c>1 incident</c>, <c>2 incidents</c>: a count with its noun.</summary>
    public static string Count(long count, string noun, string? plural = null) =>
        count.ToString(CultureInfo.InvariantCulture) + " " + (count == 1 ? noun : plural ?? noun + "s");

    private static string Count(double amount, string unit) => Count((long)Math.Floor(amount), unit);

    private static string ZoneName(TimeZoneInfo zone) =>
        zone == TimeZoneInfo.Utc || zone.Id is "UTC" or "Etc/UTC" ? "UTC" : zone.Id;
}
