using SecBot.Host.Configuration;

namespace SecBot.Host.Tests.Configuration;

public sealed class SettingDurationTests
{
    public static TheoryData<string, TimeSpan> Accepted => new()
    {
        { "00:00:03", TimeSpan.FromSeconds(3) },
        { "00:10:00", TimeSpan.FromMinutes(10) },
        { "01:00:00", TimeSpan.FromHours(1) },
        { "23:59:59", new TimeSpan(23, 59, 59) },
        { "1.00:00:00", TimeSpan.FromDays(1) },
        { "7.00:00:00", TimeSpan.FromDays(7) },
        { "2.12:30:00", new TimeSpan(2, 12, 30, 0) },
        { "00:00:00.5", TimeSpan.FromMilliseconds(500) },
        { "0:5:0", TimeSpan.FromMinutes(5) },
        { "30s", TimeSpan.FromSeconds(30) },
        { "10m", TimeSpan.FromMinutes(10) },
        { "24h", TimeSpan.FromHours(24) },
        { "7d", TimeSpan.FromDays(7) },
        { "90m", TimeSpan.FromMinutes(90) },
        { "1h30m", TimeSpan.FromMinutes(90) },
        { "1d 12h", TimeSpan.FromHours(36) },
        { "500ms", TimeSpan.FromMilliseconds(500) },
        { "1m30s250ms", TimeSpan.FromMilliseconds(90_250) },
        { " 10m ", TimeSpan.FromMinutes(10) },
    };

    [Theory]
    [MemberData(nameof(Accepted))]
    public void Unambiguous_forms_are_read_as_a_person_reads_them(string text, TimeSpan expected)
    {
        Assert.True(SettingDuration.TryParse(text, out var value, out var refusal), refusal);
        Assert.Equal(expected, value);
    }

    [Theory]
    [InlineData("24:00:00", "is ambiguous (.NET reads it as 24 days); write '1.00:00:00' or '24h'")]
    [InlineData("36:30:00", "is ambiguous (hours of 24 or more need a day part); write '1.12:30:00' or '36h30m'")]
    [InlineData("10:00", "is ambiguous (.NET reads it as 10 hours; it may be meant as minutes:seconds); write '10:00:00' or '10h' if hours:minutes, '00:10:00' or '10m' if minutes:seconds")]
    [InlineData("1:30", "is ambiguous (.NET reads it as 1 hour 30 minutes; it may be meant as minutes:seconds); write '01:30:00' or '1h30m' if hours:minutes, '00:01:30' or '1m30s' if minutes:seconds")]
    [InlineData("10", "has no unit (.NET reads it as 10 days); write '10s', '10m', '10h' or '10d'")]
    [InlineData("-00:10:00", "is negative; a duration must not be negative")]
    [InlineData("-10m", "is negative; a duration must not be negative")]
    [InlineData("00:60:00", "is not a duration (minutes and seconds must be below 60)")]
    [InlineData("1.24:00:00", "is not a duration (hours must be below 24 after a day part)")]
    [InlineData("1.10:00", "is not a duration (the seconds are missing)")]
    [InlineData("ten minutes", "is not a duration; write d.hh:mm:ss, or hh:mm:ss with hours below 24 (e.g. '00:10:00', '1.00:00:00'), or units (e.g. '30s', '10m', '24h', '7d', '1h30m')")]
    [InlineData("10M", "is not a duration;")]
    [InlineData("1.5h", "is not a duration;")]
    [InlineData("30m1h", "is not a duration;")]
    [InlineData("1:00:00:00", "is not a duration;")]
    [InlineData("", "is empty;")]
    [InlineData("10:75", "is not a duration (minutes and seconds must be below 60)")]
    [InlineData("99999999999999999d", "is too long for a duration")]
    [InlineData("999999999999999ms", "is too long for a duration")]
    [InlineData("99999999999:00:00", "is too long for a duration")]
    public void Ambiguous_negative_and_unreadable_forms_are_refused_with_what_would_say_it(string text, string expected)
    {
        Assert.False(SettingDuration.TryParse(text, out _, out var refusal));
        Assert.StartsWith(expected, refusal, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(0, 10, 0, "00:10:00", "10 minutes")]
    [InlineData(1, 0, 0, "01:00:00", "1 hour")]
    [InlineData(24, 0, 0, "1.00:00:00", "1 day")]
    [InlineData(30, 15, 1, "1.06:15:01", "1 day 6 hours 15 minutes 1 second")]
    public void Text_is_what_the_binder_reads_back_and_words_are_for_people(int hours, int minutes, int seconds, string text, string words)
    {
        var value = new TimeSpan(hours, minutes, seconds);

        Assert.Equal(text, SettingDuration.Text(value));
        Assert.Equal(value, TimeSpan.Parse(SettingDuration.Text(value), System.Globalization.CultureInfo.InvariantCulture));
        Assert.Equal(words, SettingDuration.Words(value));
    }
}
