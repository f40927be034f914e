using System.Diagnostics;
using System.Globalization;
using SecBot.Host.Tests.Replicas;

namespace SecBot.Bench;

/// <summary>The replicas verb's load: numbered declares, round-robin over the replicas, a fixed number in flight (closed loop) or paced.</summary>
internal static class Declares
{
    public sealed record Result(int Accepted, int Failed, TimeSpan Elapsed, double P50, double P99)
    {
        public double PerSecond => Accepted / Elapsed.TotalSeconds;
    }

    /// <summary>Titles sort in sequence order (zero-padded), so a run's incidents are those from its first title on.</summary>
    public static string TitleOf(long sequence) => string.Create(CultureInfo.InvariantCulture, $"replica load {sequence:D9}");

    public static async Task<Result> RunAsync(BenchCluster cluster, long first, int count, int inFlight, TimeSpan? pace, ReplicaProcess? skip = null)
    {
        var targets = cluster.Replicas.Select((replica, index) => (Replica: replica, Transport: cluster.Transports[index])).Where(target => target.Replica != skip).ToArray();
        var latencies = new double[count];
        var accepted = 0;
        var failed = 0;
        var start = Stopwatch.GetTimestamp();
        await Parallel.ForEachAsync(Enumerable.Range(0, count), new ParallelOptions { MaxDegreeOfParallelism = inFlight }, async (index, token) =>
        {
            if (pace is { } every && every * index - Stopwatch.GetElapsedTime(start) is { Ticks: > 0 } early) await Task.Delay(early, TimeProvider.System, token);
            var sent = Stopwatch.GetTimestamp();
            var outcome = await targets[index % targets.Length].Transport.DeclareAsync(first + index, TitleOf(first + index));
            latencies[index] = Stopwatch.GetElapsedTime(sent).TotalMilliseconds;
            if (outcome == DeclareOutcome.Accepted) Interlocked.Increment(ref accepted);
            else Interlocked.Increment(ref failed);
        });
        var elapsed = Stopwatch.GetElapsedTime(start);
        return new Result(accepted, failed, elapsed, BenchStats.Percentile(latencies, 0.5), BenchStats.Percentile(latencies, 0.99));
    }
}
