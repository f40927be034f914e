using System.Diagnostics;
using System.Globalization;

namespace SecBot.Bench;

/// <summary>The process's CPU time, collections by generation and total GC pause so far; the difference of two says what a run cost.</summary>
public readonly record struct ProcessCost(TimeSpan Cpu, int Gen0, int Gen1, int Gen2, TimeSpan Paused)
{
    public static ProcessCost Now()
    {
        using var process = Process.GetCurrentProcess();
        return new(process.TotalProcessorTime, GC.CollectionCount(0), GC.CollectionCount(1), GC.CollectionCount(2), GC.GetTotalPauseDuration());
    }

    /// <summary>What happened since <paramref name="earlier"/>, with the CPU time shared out over <paramref name="requests"/>.</summary>
    public string Since(ProcessCost earlier, int requests) => string.Create(CultureInfo.InvariantCulture,
        $"cpu {(Cpu - earlier.Cpu).TotalMicroseconds / requests:N0} µs/request (all threads: host, delivery, fake platform, driver); "
        + $"GC gen0/1/2 {Gen0 - earlier.Gen0}/{Gen1 - earlier.Gen1}/{Gen2 - earlier.Gen2}, paused {(Paused - earlier.Paused).TotalMilliseconds:N0} ms");
}
