namespace SecBot.Domain.Tests;

/// <summary>The one form SecBot writes times and durations in for people.</summary>
public class ReadableTimeTests
{
    private static readonly TimeZoneInfo London = TimeZoneInfo.FindSystemTimeZoneById("Europe/London");
    private static readonly TimeZoneInfo Sydney = TimeZoneInfo.FindSystemTimeZoneById("Australia/Sydney");

    [Fact]
    public void Utc_times_name_the_weekday_day_month_and_minute()
    {
        Assert.Equal("Fri 4 Dec 19:15 UTC", ReadableTime.Utc(new DateTimeOffset(2026, 12, 4, 19, 15, 57, TimeSpan.Zero)));
        Assert.Equal("Fri 4 Dec 19:15 UTC", ReadableTime.Utc(new DateTimeOffset(2026, 12, 4, 20, 15, 57, TimeSpan.FromHours(1))));
    }

    [Fact]
    public void Zone_times_are_local_with_the_zone_and_add_UTC_only_when_it_differs()
    {
        Assert.Equal("Mon 7 Dec 09:00 Europe/London", ReadableTime.InZone(new DateTimeOffset(2026, 12, 7, 9, 0, 0, TimeSpan.Zero), London));
        Assert.Equal("Mon 6 Jul 09:00 Europe/London (08:00 UTC)", ReadableTime.InZone(new DateTimeOffset(2026, 7, 6, 8, 0, 0, TimeSpan.Zero), London));
        Assert.Equal("Mon 7 Dec 09:00 Australia/Sydney (Sun 6 Dec 22:00 UTC)", ReadableTime.InZone(new DateTimeOffset(2026, 12, 6, 22, 0, 0, TimeSpan.Zero), Sydney));
        Assert.Equal("Mon 7 Dec 09:00 UTC", ReadableTime.InZone(new DateTimeOffset(2026, 12, 7, 9, 0, 0, TimeSpan.Zero), TimeZoneInfo.Utc));
    }

    [Fact]
    public void Days_name_the_weekday_day_and_month() =>
        Assert.Equal("Mon 2 Mar", ReadableTime.Day(new DateOnly(2026, 3, 2)));

    [Fact]
    public void Windows_within_one_local_day_are_written_once_with_the_zone()
    {
        var monday = new DateTimeOffset(2026, 3, 2, 10, 0, 0, TimeSpan.Zero);
        Assert.Equal("Mon 2 Mar 10:00–18:00 Europe/London", ReadableTime.RangeInZone(monday, monday.AddHours(8), London));
        var summer = new DateTimeOffset(2026, 7, 6, 9, 0, 0, TimeSpan.Zero);
        Assert.Equal("Mon 6 Jul 10:00–18:00 Europe/London (09:00–17:00 UTC)", ReadableTime.RangeInZone(summer, summer.AddHours(8), London));
        Assert.Equal(
            "Mon 2 Mar 18:00 Europe/London to Tue 3 Mar 09:00 Europe/London",
            ReadableTime.RangeInZone(monday.AddHours(8), monday.AddHours(23), London));
    }

    [Theory]
    [InlineData(3, "3 seconds")]
    [InlineData(60, "1 minute")]
    [InlineData(600, "10 minutes")]
    [InlineData(5400, "1 hour 30 minutes")]
    [InlineData(86400, "24 hours")]
    [InlineData(3 * 86400, "3 days")]
    [InlineData(-5, "0 seconds")]
    public void Spans_are_said_in_words(int seconds, string expected) =>
        Assert.Equal(expected, ReadableTime.Span(TimeSpan.FromSeconds(seconds)));

    [Fact]
    public void Counts_agree_with_their_noun()
    {
        Assert.Equal("1 open incident", ReadableTime.Count(1, "open incident"));
        Assert.Equal("0 open incidents", ReadableTime.Count(0, "open incident"));
        Assert.Equal("2 covers", ReadableTime.Count(2, "cover"));
        Assert.Equal("just now", ReadableTime.Ago(TimeSpan.FromSeconds(59)));
        Assert.Equal("4 minutes ago", ReadableTime.Ago(TimeSpan.FromMinutes(4)));
    }
}
