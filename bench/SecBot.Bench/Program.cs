using System.Diagnostics;
using System.Globalization;
using BenchmarkDotNet.Reports;
using BenchmarkDotNet.Running;
using Dapper;
using SecBot.Bench;

// dotnet run -c Release --project bench/SecBot.Bench -- declares|clock|all [--count 20000] [--rounds 3] [--warmup 2000]
var mode = args.Length > 0 ? args[0].ToLowerInvariant() : "all";
var count = Option("--count", 20_000);
var rounds = Option("--rounds", 3);
var warmup = Option("--warmup", 2_000);

if (mode is not ("declares" or "clock" or "all" or "profile"))
{
    Console.Error.WriteLine("usage: SecBot.Bench declares|clock|all|profile [--count N] [--rounds R] [--warmup W]");
    return 2;
}

var total = Stopwatch.StartNew();
Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
    $"SecBot.Bench {mode}: {Environment.ProcessorCount} cores, .NET {Environment.Version}, server GC {System.Runtime.GCSettings.IsServerGC}, SQLite {SQLitePCL.raw.sqlite3_libversion().utf8_to_string()}"));

if (mode is "declares" or "all")
{
    await DeclareThroughput.RunAsync(count, rounds, warmup);
}

if (mode is "profile")
{
    await DeclareProfile.RunAsync(count);
}

if (mode is "clock" or "all")
{
    await PrintQueryPlansAsync();
    var summaries = new[] { BenchmarkRunner.Run<ClockTickIdle>(), BenchmarkRunner.Run<ClockTickFireOne>() };
    Console.WriteLine("== clock tick with 10,000 pending timers (BenchmarkDotNet, in-process) ==");
    foreach (var report in summaries.SelectMany(s => s.Reports))
    {
        PrintTick(report);
    }
}

Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"total run time {total.Elapsed.TotalSeconds:N0} s"));
return 0;

int Option(string name, int fallback)
{
    var at = Array.IndexOf(args, name);
    return at >= 0 && at + 1 < args.Length ? int.Parse(args[at + 1], CultureInfo.InvariantCulture) : fallback;
}

static void PrintTick(BenchmarkReport report)
{
    var name = report.BenchmarkCase.Descriptor.WorkloadMethodDisplayInfo;
    if (report.ResultStatistics is not { } stats)
    {
        Console.WriteLine($"{name}: no result (see the log above)");
        return;
    }

    var isTick = report.BenchmarkCase.Descriptor.WorkloadMethod.Name.StartsWith("Tick", StringComparison.Ordinal);
    var verdict = isTick ? (stats.Mean < 5_000_000 ? "  target < 5 ms: MET" : "  target < 5 ms: MISSED") : "";
    Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
        $"{name}: mean {stats.Mean / 1e6:N3} ms, median {stats.Median / 1e6:N3} ms, p95 {stats.Percentiles.P95 / 1e6:N3} ms, max {stats.Max / 1e6:N3} ms{verdict}"));
}

static async Task PrintQueryPlansAsync()
{
    await using var harness = await Harness.CreateAsync();
    await harness.DeclareAsync(0);
    var queries = new (string Name, string Sql)[]
    {
        ("DueTimers.TakeNextAsync", "SELECT id, kind, subject, due_at, payload FROM timers WHERE fired_at IS NULL AND due_at <= 0 ORDER BY due_at, id LIMIT 1"),
        ("TimerRepository.NextDueAtAsync", "SELECT min(CASE WHEN claimed_at IS NULL THEN due_at ELSE max(due_at, claimed_at + 120000) END) FROM timers WHERE fired_at IS NULL"),
    };
    foreach (var (name, sql) in queries)
    {
        var plan = await harness.Store.ReadAsync(
            async connection => (await connection.QueryAsync<(long Id, long Parent, long NotUsed, string Detail)>("EXPLAIN QUERY PLAN " + sql)).Select(r => r.Detail),
            CancellationToken.None);
        Console.WriteLine($"query plan, {name}: {string.Join(" / ", plan)}");
    }
}
