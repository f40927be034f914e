using System.Globalization;

namespace SecBot.Domain.Reviews;

/// <summary>How long something has waited, as people say it: "24 hours", "3 days".</summary>
internal static class Waiting
{
    public static string Describe(TimeSpan waited)
    {
        if (waited >= TimeSpan.FromDays(2)) return Count(waited.TotalDays, "day");
        if (waited >= TimeSpan.FromHours(1)) return Count(waited.TotalHours, "hour");
        return Count(Math.Max(waited.TotalMinutes, 0), "minute");
    }

    private static string Count(double amount, string unit)
    {
        var whole = (long)Math.Floor(amount);
        return whole.ToString(CultureInfo.InvariantCulture) + " " + (whole == 1 ? unit : unit + "s");
    }
}
