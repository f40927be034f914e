namespace SecBot.Domain.Roster;

/// <summary>Maps local wall-clock times of a time zone to instants, and instants to local days.</summary>
internal static class ZonedTime
{
    private static readonly TimeSpan Margin = TimeSpan.FromDays(1);

    /// <summary>
    /// The instant at which a zone's clocks show <paramref name="local"/>. A time skipped by a spring-forward gap
    /// moves forward by the gap (01:30 becomes 02:30 when 01:00 jumps to 02:00); a time repeated by a fall-back
    /// overlap resolves to its first occurrence. The result carries the zone's offset at that instant.
    /// </summary>
    public static DateTimeOffset ToInstant(DateTime local, TimeZoneInfo zone)
    {
        local = DateTime.SpecifyKind(local, DateTimeKind.Unspecified);
        if (local.Ticks < DateTime.MinValue.Ticks + Margin.Ticks) return DateTimeOffset.MinValue;
        if (local.Ticks > DateTime.MaxValue.Ticks - Margin.Ticks) return DateTimeOffset.MaxValue;

        if (zone.IsAmbiguousTime(local))
        {
            // The earlier occurrence is the one still on the larger, pre-change offset.
            return new DateTimeOffset(local, zone.GetAmbiguousTimeOffsets(local).Max());
        }

        if (zone.IsInvalidTime(local))
        {
            // Reading the skipped time with the offset in force before the jump lands it exactly one gap later.
            // A day earlier is safely before the jump and after any previous one.
            var offsetBeforeGap = zone.GetUtcOffset(new DateTimeOffset(local, TimeSpan.Zero) - Margin);
            var instant = new DateTimeOffset(local.Ticks - offsetBeforeGap.Ticks, TimeSpan.Zero);
            return TimeZoneInfo.ConvertTime(instant, zone);
        }

        return new DateTimeOffset(local, zone.GetUtcOffset(local));
    }

    public static DateTime LocalTimeOf(DateTimeOffset instant, TimeZoneInfo zone) =>
        TimeZoneInfo.ConvertTime(instant, zone).DateTime;

    public static DateOnly DayOf(DateTimeOffset instant, TimeZoneInfo zone) =>
        DateOnly.FromDateTime(LocalTimeOf(instant, zone));

    public static DateTimeOffset StartOfDay(DateOnly day, TimeZoneInfo zone) =>
        ToInstant(day.ToDateTime(TimeOnly.MinValue), zone);
}
