namespace SecBot.Domain.Tests.Roster;

using SecBot.Domain.Policy;
using SecBot.Domain.Roster;

internal static class Rotations
{
    public static RotationSchedule Schedule(string timeZone, DateTime localStart, TimeSpan length, params string[] members) =>
        new(new RotationOptions
        {
            Id = "test",
            Members = [.. members],
            Start = localStart,
            Length = length,
            TimeZone = timeZone,
        });

    /// <summary>Weekly, Monday 09:00 local from 5 January 2026, round maya → sam → priya.</summary>
    public static RotationSchedule WeeklyMonday0900(string timeZone) =>
        Schedule(timeZone, new DateTime(2026, 1, 5, 9, 0, 0), TimeSpan.FromDays(7), "maya", "sam", "priya");

    public static DateTimeOffset Utc(int year, int month, int day, int hour, int minute = 0) =>
        new(year, month, day, hour, minute, 0, TimeSpan.Zero);
}
