namespace SecBot.Domain.Tests.Roster;

using static SecBot.Domain.Tests.Roster.Rotations;

public class ShiftBoundaryTests
{
    [Fact]
    public void A_daily_handoff_that_falls_in_the_spring_forward_gap_moves_forward_by_the_gap()
    {
        // London skips 01:00–02:00 on 29 March 2026; the 01:30 handoff that day happens at 02:30 BST.
        var rotation = Schedule("Europe/London", new DateTime(2026, 3, 25, 1, 30, 0), TimeSpan.FromDays(1), "a", "b");

        var gapDay = rotation.ShiftAt(Utc(2026, 3, 29, 12))!;

        Assert.Equal(new DateTimeOffset(2026, 3, 29, 2, 30, 0, TimeSpan.FromHours(1)), gapDay.Start);
        Assert.Equal(new DateTimeOffset(2026, 3, 30, 1, 30, 0, TimeSpan.FromHours(1)), gapDay.End);
        Assert.Equal(TimeSpan.FromHours(23), gapDay.End - gapDay.Start);
        Assert.Equal("a", gapDay.PersonId);
        Assert.Equal("b", rotation.ShiftAt(Utc(2026, 3, 29, 1, 15))!.PersonId);
    }

    [Fact]
    public void A_twelve_hour_handoff_in_the_spring_forward_gap_moves_forward_and_the_next_one_keeps_its_local_time()
    {
        // New York skips 02:00–03:00 on 8 March 2026.
        var rotation = Schedule("America/New_York", new DateTime(2026, 3, 1, 2, 30, 0), TimeSpan.FromHours(12), "night", "day");

        var before = rotation.ShiftAt(Utc(2026, 3, 8, 7, 29))!;
        var inGap = rotation.ShiftAt(Utc(2026, 3, 8, 7, 30))!;

        Assert.Equal("day", before.PersonId);
        Assert.Equal(new DateTimeOffset(2026, 3, 7, 14, 30, 0, TimeSpan.FromHours(-5)), before.Start);
        Assert.Equal("night", inGap.PersonId);
        Assert.Equal(new DateTimeOffset(2026, 3, 8, 3, 30, 0, TimeSpan.FromHours(-4)), inGap.Start);
        Assert.Equal(new DateTimeOffset(2026, 3, 8, 14, 30, 0, TimeSpan.FromHours(-4)), inGap.End);
        Assert.Equal(before.End, inGap.Start);
    }

    [Fact]
    public void A_handoff_at_a_time_repeated_by_the_fall_back_happens_at_its_first_occurrence()
    {
        // London shows 01:00–02:00 twice on 25 October 2026.
        var rotation = Schedule("Europe/London", new DateTime(2026, 10, 20, 1, 30, 0), TimeSpan.FromDays(1), "a", "b");

        var overlapDay = rotation.ShiftAt(Utc(2026, 10, 25, 12))!;

        Assert.Equal(new DateTimeOffset(2026, 10, 25, 1, 30, 0, TimeSpan.FromHours(1)), overlapDay.Start);
        Assert.Equal(TimeSpan.FromHours(25), overlapDay.End - overlapDay.Start);
        Assert.Equal(overlapDay.Index, rotation.ShiftAt(Utc(2026, 10, 25, 1, 30))!.Index);
    }

    [Fact]
    public void Nobody_is_on_call_before_the_rotation_starts()
    {
        var rotation = WeeklyMonday0900("Europe/London");

        Assert.Null(rotation.ShiftAt(Utc(2026, 1, 5, 9).AddTicks(-1)));
        Assert.Equal("maya", rotation.ShiftAt(Utc(2026, 1, 5, 9))!.PersonId);
        Assert.Equal(Utc(2026, 1, 5, 9), rotation.FirstShiftStart);
    }

    [Fact]
    public void A_rotation_starting_in_the_spring_forward_gap_starts_the_gap_length_later()
    {
        var rotation = Schedule("Europe/London", new DateTime(2026, 3, 29, 1, 30, 0), TimeSpan.FromDays(7), "a");

        Assert.Equal(Utc(2026, 3, 29, 1, 30), rotation.FirstShiftStart);
        Assert.Null(rotation.ShiftAt(Utc(2026, 3, 29, 1, 29)));
    }

    [Fact]
    public void Members_take_turns_round_the_list()
    {
        var rotation = WeeklyMonday0900("UTC");

        var members = Enumerable.Range(0, 7).Select(week => rotation.ShiftAt(Utc(2026, 1, 6, 0).AddDays(7 * week))!.PersonId);

        Assert.Equal(["maya", "sam", "priya", "maya", "sam", "priya", "maya"], members);
    }
}
