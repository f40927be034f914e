namespace SecBot.Domain.Tests.Roster;

using FsCheck;
using FsCheck.Fluent;
using FsCheck.Xunit;
using SecBot.Domain.Roster;

public class RotationScheduleProperties
{
    private static readonly string[] Zones =
        ["UTC", "Europe/London", "America/New_York", "Australia/Sydney", "Australia/Lord_Howe", "Asia/Kolkata"];

    private static readonly TimeSpan[] Lengths =
        [TimeSpan.FromDays(7), TimeSpan.FromDays(1), TimeSpan.FromHours(12), TimeSpan.FromHours(8), TimeSpan.FromHours(1)];

    [Property(MaxTest = 500)]
    public Property Any_instant_after_the_start_lies_in_its_shift_and_shifts_abut() =>
        Prop.ForAll(Cases().ToArbitrary(), sample =>
        {
            var (rotation, instant) = sample;
            var shift = rotation.ShiftAt(instant);
            if (shift is null || !shift.Contains(instant)) return false;

            var next = rotation.ShiftAt(shift.End);
            var previous = shift.Index == 0 ? null : rotation.ShiftAt(shift.Start.AddTicks(-1));
            return next is not null && next.Start == shift.End
                && (shift.Index == 0 ? rotation.FirstShiftStart == shift.Start : previous?.End == shift.Start)
                && shift.PersonId == rotation.Members[(int)(shift.Index % rotation.Members.Count)];
        });

    private static Gen<(RotationSchedule Rotation, DateTimeOffset Instant)> Cases() =>
        from zone in Gen.Elements(Zones)
        from length in Gen.Elements(Lengths)
        from startDay in Gen.Choose(0, 365)
        from startMinute in Gen.Choose(0, (24 * 60) - 1)
        from memberCount in Gen.Choose(1, 5)
        from secondsAfterStart in Gen.Choose(0, int.MaxValue)
        let rotation = Rotations.Schedule(
            zone,
            new DateTime(2025, 1, 1).AddDays(startDay).AddMinutes(startMinute),
            length,
            [.. Enumerable.Range(0, memberCount).Select(i => $"m{i}")])
        select (rotation, rotation.FirstShiftStart.AddSeconds(secondsAfterStart));
}
