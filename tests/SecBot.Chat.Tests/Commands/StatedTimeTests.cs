using SecBot.Chat.Commands;

namespace SecBot.Chat.Tests.Commands;

public class StatedTimeTests
{
    [Theory]
    [InlineData("2026-11-24T09:00", "2026-11-24T09:00:00")]
    [InlineData("2026-11-24T09:00:30", "2026-11-24T09:00:30")]
    [InlineData("2026-11-24 09:00", "2026-11-24T09:00:00")]
    [InlineData("2026-11-24", "2026-11-24T00:00:00")]
    [InlineData("2026-11-24t09:00", "2026-11-24T09:00:00")]
    public void A_time_without_an_offset_is_kept_as_a_wall_clock_reading(string text, string printed)
    {
        Assert.True(StatedTime.TryParse(text, out var time));
        Assert.False(time.HasOffset);
        Assert.Null(time.Instant);
        Assert.Equal(printed, time.ToString());
    }

    [Theory]
    [InlineData("2026-11-24T09:00+01:00", "2026-11-24T08:00:00Z")]
    [InlineData("2026-11-24T09:00+0100", "2026-11-24T08:00:00Z")]
    [InlineData("2026-11-24T09:00-05:30", "2026-11-24T14:30:00Z")]
    [InlineData("2026-11-24T09:00Z", "2026-11-24T09:00:00Z")]
    [InlineData("2026-11-24T09:00z", "2026-11-24T09:00:00Z")]
    public void A_time_with_an_offset_is_an_instant(string text, string utc)
    {
        Assert.True(StatedTime.TryParse(text, out var time));
        Assert.True(time.HasOffset);
        Assert.Equal(DateTimeOffset.Parse(utc, System.Globalization.CultureInfo.InvariantCulture), time.Instant);
    }

    [Fact]
    public void A_time_with_an_offset_prints_the_offset_it_was_given()
    {
        Assert.True(StatedTime.TryParse("2026-11-24T09:00+01:00", out var time));
        Assert.Equal("2026-11-24T09:00:00+01:00", time.ToString());
    }

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("tomorrow")]
    [InlineData("09:00")]
    [InlineData("24/11/2026 09:00")]
    [InlineData("2026-13-01T09:00")]
    [InlineData("2026-11-24T25:00")]
    [InlineData("2026-11-24T09:00+15:00")]
    [InlineData("9999-12-31T23:59-01:00")]
    public void Anything_else_is_not_a_time(string? text) =>
        Assert.False(StatedTime.TryParse(text, out _));
}
