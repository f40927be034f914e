using System.Diagnostics;

namespace SecBot.Bench;

/// <summary>Small helpers for the signoffs and chat-load verbs (kept apart from the declare benchmark's own).</summary>
public static class BenchStats
{
    public static TimeSpan CpuTime() => Process.GetCurrentProcess().TotalProcessorTime;

    /// <summary>A full blocking collection before a timed run, so the run does not pay for the set-up's garbage.</summary>
    public static void Collect()
    {
        GC.Collect(GC.MaxGeneration, GCCollectionMode.Forced, blocking: true, compacting: true);
        GC.WaitForPendingFinalizers();
        GC.Collect(GC.MaxGeneration, GCCollectionMode.Forced, blocking: true, compacting: true);
    }

    public static double Median(IEnumerable<double> values) => Percentile([.. values], 0.5);

    /// <summary>Nearest-rank percentile (p in 0..1) of unsorted values; NaN when empty.</summary>
    public static double Percentile(double[] values, double p)
    {
        if (values.Length == 0) return double.NaN;
        var sorted = values.Order().ToArray();
        return sorted[Math.Clamp((int)Math.Ceiling(p * sorted.Length) - 1, 0, sorted.Length - 1)];
    }
}
