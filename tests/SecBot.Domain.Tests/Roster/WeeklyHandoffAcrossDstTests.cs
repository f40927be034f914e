namespace SecBot.Domain.Tests.Roster;

using SecBot.Domain.Roster;
using static SecBot.Domain.Tests.Roster.Rotations;

public class WeeklyHandoffAcrossDstTests
{
    [Fact]
    public void London_handoff_stays_at_0900_local_and_moves_an_hour_earlier_in_utc_when_clocks_go_forward_in_march()
    {
        var rotation = WeeklyMonday0900("Europe/London");

        var beforeChange = rotation.ShiftAt(Utc(2026, 3, 25, 12))!;
        var afterChange = rotation.ShiftAt(Utc(2026, 4, 1, 12))!;

        Assert.Equal(Utc(2026, 3, 23, 9), beforeChange.Start);
        Assert.Equal(Utc(2026, 3, 30, 8), afterChange.Start);
        Assert.Equal(beforeChange.End, afterChange.Start);
        AssertLocal0900(afterChange.Start, TimeSpan.FromHours(1));
        Assert.Equal(TimeSpan.FromHours(7 * 24 - 1), beforeChange.End - beforeChange.Start);
    }

    [Fact]
    public void London_march_handoff_passes_to_the_next_member_at_0800_utc()
    {
        var rotation = WeeklyMonday0900("Europe/London");

        Assert.Equal("priya", rotation.ShiftAt(Utc(2026, 3, 30, 7, 59))!.PersonId);
        Assert.Equal("maya", rotation.ShiftAt(Utc(2026, 3, 30, 8))!.PersonId);
        // 08:30 UTC is 09:30 in London: a schedule kept in UTC would wrongly still say priya.
        Assert.Equal("maya", rotation.ShiftAt(Utc(2026, 3, 30, 8, 30))!.PersonId);
    }

    [Fact]
    public void London_handoff_stays_at_0900_local_and_moves_an_hour_later_in_utc_when_clocks_go_back_in_october()
    {
        var rotation = WeeklyMonday0900("Europe/London");

        var beforeChange = rotation.ShiftAt(Utc(2026, 10, 21, 12))!;
        var afterChange = rotation.ShiftAt(Utc(2026, 10, 28, 12))!;

        Assert.Equal(Utc(2026, 10, 19, 8), beforeChange.Start);
        Assert.Equal(Utc(2026, 10, 26, 9), afterChange.Start);
        AssertLocal0900(beforeChange.Start, TimeSpan.FromHours(1));
        AssertLocal0900(afterChange.Start, TimeSpan.Zero);
        Assert.Equal("priya", rotation.ShiftAt(Utc(2026, 10, 26, 8, 59))!.PersonId);
        Assert.Equal("maya", rotation.ShiftAt(Utc(2026, 10, 26, 9))!.PersonId);
    }

    [Fact]
    public void New_york_handoff_stays_at_0900_local_and_moves_an_hour_earlier_in_utc_when_clocks_go_forward_in_march()
    {
        var rotation = WeeklyMonday0900("America/New_York");

        var beforeChange = rotation.ShiftAt(Utc(2026, 3, 4, 12))!;
        var afterChange = rotation.ShiftAt(Utc(2026, 3, 11, 12))!;

        Assert.Equal(Utc(2026, 3, 2, 14), beforeChange.Start);
        Assert.Equal(Utc(2026, 3, 9, 13), afterChange.Start);
        AssertLocal0900(beforeChange.Start, TimeSpan.FromHours(-5));
        AssertLocal0900(afterChange.Start, TimeSpan.FromHours(-4));
        Assert.Equal("priya", rotation.ShiftAt(Utc(2026, 3, 9, 12, 59))!.PersonId);
        Assert.Equal("maya", rotation.ShiftAt(Utc(2026, 3, 9, 13))!.PersonId);
    }

    [Fact]
    public void New_york_handoff_stays_at_0900_local_and_moves_an_hour_later_in_utc_when_clocks_go_back_in_november()
    {
        var rotation = WeeklyMonday0900("America/New_York");

        var beforeChange = rotation.ShiftAt(Utc(2026, 10, 28, 12))!;
        var afterChange = rotation.ShiftAt(Utc(2026, 11, 4, 12))!;

        Assert.Equal(Utc(2026, 10, 26, 13), beforeChange.Start);
        Assert.Equal(Utc(2026, 11, 2, 14), afterChange.Start);
        AssertLocal0900(beforeChange.Start, TimeSpan.FromHours(-4));
        AssertLocal0900(afterChange.Start, TimeSpan.FromHours(-5));
        Assert.Equal("maya", rotation.ShiftAt(Utc(2026, 11, 2, 13, 59))!.PersonId);
        Assert.Equal("sam", rotation.ShiftAt(Utc(2026, 11, 2, 14))!.PersonId);
        Assert.Equal(TimeSpan.FromHours(7 * 24 + 1), beforeChange.End - beforeChange.Start);
    }

    [Fact]
    public void A_shift_centuries_after_the_start_is_found_directly_and_keeps_the_member_order()
    {
        var rotation = WeeklyMonday0900("Europe/London");

        // Monday 3 January 2400 is 19 514 weeks after the start.
        var shift = rotation.ShiftAt(Utc(2400, 1, 4, 0))!;

        Assert.Equal(19_514, shift.Index);
        Assert.Equal(Utc(2400, 1, 3, 9), shift.Start);
        Assert.Equal(new[] { "maya", "sam", "priya" }[19_514 % 3], shift.PersonId);
    }

    private static void AssertLocal0900(DateTimeOffset handoff, TimeSpan expectedOffset)
    {
        Assert.Equal(expectedOffset, handoff.Offset);
        Assert.Equal(new TimeOnly(9, 0), TimeOnly.FromDateTime(handoff.DateTime));
        Assert.Equal(DayOfWeek.Monday, handoff.DayOfWeek);
    }
}
