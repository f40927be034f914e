using System.Globalization;
using System.Runtime;
using System.Runtime.InteropServices;

namespace SecBot.Bench;

/// <summary>The first line of every run: what it ran on, so a pasted result carries its conditions.</summary>
public static class Machine
{
    public static string Describe(string verb)
    {
        SQLitePCL.Batteries_V2.Init();
        return string.Create(CultureInfo.InvariantCulture,
            $"SecBot.Bench {verb}: {Environment.ProcessorCount} cores, {MemoryGiB()}, {RuntimeInformation.OSDescription}, .NET {Environment.Version}, "
            + $"server GC {GCSettings.IsServerGC}, SQLite {SQLitePCL.raw.sqlite3_libversion().utf8_to_string()}, load average {LoadAverage()}");
    }

    /// <summary>The 1/5/15-minute load average from /proc/loadavg (Linux), or "n/a": a busy machine shows here.</summary>
    public static string LoadAverage()
    {
        try
        {
            var fields = File.ReadAllText("/proc/loadavg").Split(' ');
            return string.Join(' ', fields.Take(3));
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            return "n/a";
        }
    }

    private static string MemoryGiB()
    {
        var bytes = GC.GetGCMemoryInfo().TotalAvailableMemoryBytes;
        return string.Create(CultureInfo.InvariantCulture, $"{bytes / (1024.0 * 1024 * 1024):N1} GiB");
    }
}
