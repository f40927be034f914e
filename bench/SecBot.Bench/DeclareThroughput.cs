using System.Diagnostics;
using System.Globalization;
using Microsoft.Data.Sqlite;

namespace SecBot.Bench;

/// <summary>
/// Durable declares per second (IncidentCommands.DeclareAsync: engine + store, one WriteAsync each) at
/// concurrency 1 (serial: one caller, so one declare per transaction) and at concurrency C (C callers at once,
/// as a server gets slash commands: the store group-commits what is queued, several declares per transaction),
/// against the rate of a bare Microsoft.Data.Sqlite loop writing the same rows serially, one transaction per
/// incident. All three run in this one process, in turn round by round, each run on a fresh temp file, so the
/// ratios compare like with like even when the machine's load drifts.
/// </summary>
public static class DeclareThroughput
{
    public const double TargetDeclaresPerSecond = 3_000;
    public const double TargetRatio = 0.5;

    public static async Task<int> RunAsync(BenchOptions options)
    {
        var count = options.Count ?? 20_000;
        var concurrency = options.Concurrency;
        Console.WriteLine($"== declare: IncidentCommands.DeclareAsync at concurrency 1 and {concurrency} vs a bare serial Microsoft.Data.Sqlite loop ==");
        var shape = await DeclareShape.ProbeAsync();
        await using (var probe = await Harness.CreateAsync())
        {
            var (journal, synchronous) = await probe.ConnectionModesAsync();
            Console.WriteLine($"store connection: journal_mode={journal}, synchronous={synchronous}, foreign_keys=ON, busy_timeout={(int)Storage.Database.SqliteDatabase.BusyTimeout.TotalMilliseconds} ms, pooled; file in {Path.GetTempPath()}");
        }

        Console.WriteLine($"one declare writes: {shape.Describe()}");
        Console.WriteLine($"group commit: up to {Storage.SqliteStore.MaxBatchItems} writes or {Storage.SqliteStore.DefaultMaxBatchDuration.TotalMilliseconds:N0} ms of work per transaction, never waiting for more");
        Console.WriteLine($"warm-up: {options.Warmup} declares at each concurrency + {options.Warmup} bare incidents (discarded); then {options.Rounds} round(s) of {count} each, in turn, fresh file per run");
        Console.WriteLine("latency = one DeclareAsync call (with c > 1 it includes the wait in the store's queue); bare = one transaction");

        // Warm-up: tiered JIT compiles the hot paths again, optimized, on a background thread; let it finish
        // so the rounds measure steady-state code and do not share the two cores with the compiler.
        await DeclaresAsync(options.Warmup);
        await DeclaresAsync(options.Warmup, concurrency);
        await BareAsync(shape, options.Warmup);
        await Task.Delay(TimeSpan.FromSeconds(1), TimeProvider.System);

        var serialRuns = new List<Run>();
        var concurrentRuns = new List<Run>();
        var bareRuns = new List<Run>();
        for (var round = 1; round <= options.Rounds; round++)
        {
            var serial = await DeclaresAsync(count);
            var concurrent = await DeclaresAsync(count, concurrency);
            var bare = await BareAsync(shape, count);
            serialRuns.Add(serial);
            concurrentRuns.Add(concurrent);
            bareRuns.Add(bare);
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"round {round}: c=1 {Describe(serial)}   c={concurrency} {Describe(concurrent)}   bare {Describe(bare)}   ratios {serial.PerSecond / bare.PerSecond:P1} / {concurrent.PerSecond / bare.PerSecond:P1}   load {Machine.LoadAverage()}"));
        }

        var serialMedian = Median(serialRuns.Select(r => r.PerSecond));
        var concurrentMedian = Median(concurrentRuns.Select(r => r.PerSecond));
        var bareMedian = Median(bareRuns.Select(r => r.PerSecond));
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"median of {options.Rounds}:"));
        Console.WriteLine(MedianLine("declares, c=1", serialRuns, bareMedian));
        Console.WriteLine(MedianLine($"declares, c={concurrency}", concurrentRuns, bareMedian));
        Console.WriteLine(MedianLine("bare loop, serial", bareRuns, bareMedian));
        foreach (var (label, rate) in new[] { ("c=1", serialMedian), ($"c={concurrency}", concurrentMedian) })
        {
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"{label}: target >= {TargetDeclaresPerSecond:N0} declares/s: {(rate >= TargetDeclaresPerSecond ? "MET" : "MISSED")};  target >= {TargetRatio:P0} of bare: {(rate / bareMedian >= TargetRatio ? "MET" : "MISSED")}"));
        }

        return 0;
    }

    /// <summary>Runs <paramref name="count"/> sequential declares on a fresh file.</summary>
    public static Task<Run> DeclaresAsync(int count) => DeclaresAsync(count, 1);

    /// <summary>Runs <paramref name="count"/> declares on a fresh file from <paramref name="concurrency"/> callers at once.</summary>
    public static async Task<Run> DeclaresAsync(int count, int concurrency)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(concurrency, 1);
        await using var harness = await Harness.CreateAsync();
        var first = await harness.DeclareAsync(0);
        if (first.Card is null) throw new InvalidOperationException($"declare was refused: {first.Text}");

        var latencies = new long[count];
        var next = 0;
        Collect();
        var cpu = CpuTime();
        var start = Stopwatch.GetTimestamp();
        if (concurrency == 1)
        {
            for (var i = 1; i <= count; i++)
            {
                var before = Stopwatch.GetTimestamp();
                await harness.DeclareAsync(i);
                latencies[i - 1] = Stopwatch.GetTimestamp() - before;
            }
        }
        else
        {
            // Each caller declares, and as soon as its declare returns, takes the next number: concurrency stays at C.
            await Task.WhenAll(Enumerable.Range(0, concurrency).Select(_ => Task.Run(async () =>
            {
                for (var i = Interlocked.Increment(ref next); i <= count; i = Interlocked.Increment(ref next))
                {
                    var before = Stopwatch.GetTimestamp();
                    var reply = await harness.DeclareAsync(i);
                    latencies[i - 1] = Stopwatch.GetTimestamp() - before;
                    if (reply.Card is null) throw new InvalidOperationException($"declare was refused: {reply.Text}");
                }
            })));
        }

        var elapsed = Stopwatch.GetElapsedTime(start);
        cpu = CpuTime() - cpu;
        var incidents = await harness.ScalarAsync("SELECT count(*) FROM incidents");
        if (incidents != count + 1) throw new InvalidOperationException($"expected {count + 1} incidents, found {incidents}");
        return Run.From(count, elapsed, cpu, latencies);
    }

    /// <summary>The same rows with prepared Microsoft.Data.Sqlite commands on one open connection, one transaction per incident.</summary>
    public static async Task<Run> BareAsync(DeclareShape shape, int count)
    {
        await using var harness = await Harness.CreateAsync();

        // The connection the store would use: same connection string, same per-connection pragmas, WAL.
        var latencies = new long[count];
        TimeSpan elapsed;
        TimeSpan cpu;
        await using (var connection = await harness.Database.OpenConnectionAsync(CancellationToken.None))
        {
            using var writer = new BareWriter(connection, shape);
            writer.Write(1);

            Collect();
            cpu = CpuTime();
            var start = Stopwatch.GetTimestamp();
            for (var n = 2; n <= count + 1; n++)
            {
                var before = Stopwatch.GetTimestamp();
                writer.Write(n);
                latencies[n - 2] = Stopwatch.GetTimestamp() - before;
            }

            elapsed = Stopwatch.GetElapsedTime(start);
            cpu = CpuTime() - cpu;
        }

        var incidents = await harness.ScalarAsync("SELECT count(*) FROM incidents");
        if (incidents != count + 1) throw new InvalidOperationException($"expected {count + 1} bare incidents, found {incidents}");
        return Run.From(count, elapsed, cpu, latencies);
    }

    private static string Describe(Run run) => string.Create(CultureInfo.InvariantCulture,
        $"{run.PerSecond,6:N0}/s (cpu {run.CpuMicros,3:N0} µs, p50 {run.P50Ms:N3} ms, p99 {run.P99Ms:N2} ms)");

    private static string MedianLine(string label, List<Run> runs, double bareMedian)
    {
        var rate = Median(runs.Select(r => r.PerSecond));
        return string.Create(CultureInfo.InvariantCulture,
            $"  {label,-18} {rate,7:N0}/s   p50 {Median(runs.Select(r => r.P50Ms)):N3} ms   p99 {Median(runs.Select(r => r.P99Ms)):N2} ms   cpu/transaction-or-declare {Median(runs.Select(r => r.CpuMicros)):N0} µs   of bare {rate / bareMedian:P1}");
    }

    /// <summary>CPU time this process has used (all threads, user + kernel): unlike wall time, barely moved by other processes' load.</summary>
    public static TimeSpan CpuTime() => Process.GetCurrentProcess().TotalProcessorTime;

    public static void Collect()
    {
        GC.Collect();
        GC.WaitForPendingFinalizers();
        GC.Collect();
    }

    public static double Median(IEnumerable<double> values)
    {
        var sorted = values.Order().ToArray();
        return sorted.Length % 2 == 1 ? sorted[sorted.Length / 2] : (sorted[(sorted.Length / 2) - 1] + sorted[sorted.Length / 2]) / 2;
    }

    /// <summary>One timed run: its rate, the process CPU time per transaction, and the per-transaction wall latency.</summary>
    public sealed record Run(double PerSecond, double CpuMicros, double P50Ms, double P99Ms)
    {
        public static Run From(int count, TimeSpan elapsed, TimeSpan cpu, long[] ticks)
        {
            Array.Sort(ticks);
            double Ms(double q) => ticks[Math.Min(ticks.Length - 1, (int)(q * ticks.Length))] * 1000.0 / Stopwatch.Frequency;
            return new Run(count / elapsed.TotalSeconds, cpu.TotalMicroseconds / count, Ms(0.50), Ms(0.99));
        }
    }

    /// <summary>Inserts one incident's rows with commands prepared once and reused: the floor of what SQLite charges for them.</summary>
    private sealed class BareWriter : IDisposable
    {
        private readonly SqliteConnection _connection;
        private readonly List<(SqliteCommand Command, TemplateRow Row)> _inserts = [];

        public BareWriter(SqliteConnection connection, DeclareShape shape)
        {
            _connection = connection;
            foreach (var row in shape.Rows)
            {
                var command = connection.CreateCommand();
#pragma warning disable CA2100 // built from the column names the probe read back from the schema
                command.CommandText = row.InsertSql;
#pragma warning restore CA2100
                foreach (var (column, value) in row.Values)
                {
                    command.Parameters.AddWithValue("@" + column, value ?? DBNull.Value);
                }

                _inserts.Add((command, row));
            }
        }

        public void Write(long number)
        {
            using var transaction = _connection.BeginTransaction(deferred: false); // BEGIN IMMEDIATE, as the store
            foreach (var (command, row) in _inserts)
            {
                command.Transaction = transaction;
                if (row.KeyColumn is { } key) command.Parameters["@" + key].Value = row.KeyValue(number);
                if (command.ExecuteNonQuery() != 1) throw new InvalidOperationException($"insert into {row.Table} wrote nothing");
            }

            transaction.Commit();
        }

        public void Dispose()
        {
            foreach (var (command, _) in _inserts) command.Dispose();
        }
    }
}
