using System.Globalization;
using BenchmarkDotNet.Attributes;
using BenchmarkDotNet.Columns;
using BenchmarkDotNet.Configs;
using BenchmarkDotNet.Diagnosers;
using BenchmarkDotNet.Jobs;
using BenchmarkDotNet.Reports;
using BenchmarkDotNet.Running;
using BenchmarkDotNet.Toolchains.InProcess.Emit;
using Dapper;

namespace SecBot.Bench;

/// <summary>
/// A file holding <see cref="PendingTimers"/> declared incidents, each with its pending (not yet due) L1 ack-timeout
/// timer, as after that many real declares. Shared by the clock benchmarks.
/// </summary>
public static class ClockFixture
{
    public const int PendingTimers = 10_000;

    /// <summary>BenchmarkDotNet's reports go beside this project (git-ignored), not into the repo root.</summary>
    public static string ArtifactsPath => Path.Combine(Harness.RepoRoot(), "bench", "SecBot.Bench", "BenchmarkDotNet.Artifacts");

    public static async Task<Harness> CreateAsync(int declares = PendingTimers)
    {
        var harness = await Harness.CreateAsync();
        for (var i = 0; i < declares; i++)
        {
            await harness.DeclareAsync(i);
        }

        var pending = await PendingAsync(harness);
        if (pending != declares) throw new InvalidOperationException($"expected {declares} pending timers, found {pending}");
        var due = await DueAsync(harness);
        if (due != 0) throw new InvalidOperationException($"{due} of the fixture's timers are already due: the policy's ack timeout is too short for the fixture");
        return harness;
    }

    public static Task<long> PendingAsync(Harness harness) => harness.ScalarAsync("SELECT count(*) FROM timers WHERE fired_at IS NULL");

    public static Task<long> DueAsync(Harness harness) =>
        harness.ScalarAsync("SELECT count(*) FROM timers WHERE fired_at IS NULL AND due_at <= @Now", new { Now = TimeProvider.System.GetUtcNow() });
}

/// <summary>In-process (no generated project). <paramref name="quick"/>: a smoke run whose numbers are not for the record.</summary>
public static class ClockConfigs
{
    /// <summary>Many invocations per iteration: for the ticks that change nothing.</summary>
    public static IConfig Idle(bool quick) =>
        Base(Job.Default
            .WithToolchain(InProcessEmitToolchain.Instance)
            .WithWarmupCount(quick ? 1 : 3)
            .WithIterationCount(quick ? 3 : 15)
            .WithId("InProcess"));

    /// <summary>One invocation per iteration: every iteration arms its due timers in its setup.</summary>
    public static IConfig FireDue(bool quick) =>
        Base(Job.Default
            .WithToolchain(InProcessEmitToolchain.Instance)
            .WithInvocationCount(1)
            .WithUnrollFactor(1)
            .WithWarmupCount(quick ? 3 : 20)
            .WithIterationCount(quick ? 15 : 200)
            .WithId("InProcess-1op"));

    private static ManualConfig Base(Job job)
    {
        var config = ManualConfig.CreateMinimumViable()
            .AddJob(job)
            .AddColumn(StatisticColumn.Median, StatisticColumn.P95, StatisticColumn.Max)
            .AddDiagnoser(MemoryDiagnoser.Default)
            .WithOptions(ConfigOptions.DisableLogFile)
            .WithArtifactsPath(ClockFixture.ArtifactsPath);
        return config;
    }
}

/// <summary>
/// A clock tick when nothing is due, with 10,000 pending timers: <c>TimerClock.FireDueAsync</c> (one write
/// transaction that finds nothing) then <c>TimerRepository.NextDueAtAsync</c> (how long to sleep); and each half alone.
/// </summary>
#pragma warning disable CA1001 // BenchmarkDotNet disposes through [GlobalCleanup]
public class ClockTickIdle
#pragma warning restore CA1001
{
    private Harness _harness = null!;

    [GlobalSetup]
    public void Setup() => _harness = ClockFixture.CreateAsync().GetAwaiter().GetResult();

    [GlobalCleanup]
    public void Cleanup()
    {
        var pending = ClockFixture.PendingAsync(_harness).GetAwaiter().GetResult();
        Console.WriteLine($"// cleanup: {pending} pending timers (expected {ClockFixture.PendingTimers}; none came due during the run)");
        _harness.DisposeAsync().AsTask().GetAwaiter().GetResult();
    }

    [Benchmark(Description = "tick, 10k pending, none due (FireDueAsync + NextDueAtAsync)")]
    public async Task<DateTimeOffset?> Tick()
    {
        var fired = await _harness.Clock.FireDueAsync(CancellationToken.None);
        if (fired != 0) throw new InvalidOperationException($"{fired} timers fired in an idle tick");
        return await _harness.Timers.NextDueAtAsync(CancellationToken.None);
    }

    [Benchmark(Description = "FireDueAsync alone, none due")]
    public Task<int> FireDue() => _harness.Clock.FireDueAsync(CancellationToken.None);

    [Benchmark(Description = "NextDueAtAsync alone")]
    public Task<DateTimeOffset?> NextDueAt() => _harness.Timers.NextDueAtAsync(CancellationToken.None);
}

/// <summary>
/// A clock tick that fires <see cref="Due"/> due ack-timeouts (real declared incidents: the engine re-pages each, with
/// its page, timeline rows, new timer and outbox rows, one transaction per timer as the clock does) among 10,000
/// pending timers, then finds nothing more and asks <c>NextDueAtAsync</c>. The iteration setup declares the incidents
/// and backdates their timers; it first deletes the previous iteration's re-page timers, so every tick sees
/// 10,000 pending + <see cref="Due"/> due.
/// </summary>
#pragma warning disable CA1001 // BenchmarkDotNet disposes through [GlobalCleanup]
public class ClockTickFireDue
#pragma warning restore CA1001
{
    private Harness _harness = null!;
    private long _baselineMaxTimerId;
    private int _next = ClockFixture.PendingTimers;

    [Params(1, 3)]
    public int Due { get; set; }

    [GlobalSetup]
    public void Setup()
    {
        _harness = ClockFixture.CreateAsync().GetAwaiter().GetResult();
        _baselineMaxTimerId = _harness.ScalarAsync("SELECT max(id) FROM timers").GetAwaiter().GetResult();
    }

    [IterationSetup]
    public void Arm()
    {
        _harness.ExecuteAsync("DELETE FROM timers WHERE id > @Id AND fired_at IS NULL", new { Id = _baselineMaxTimerId }).GetAwaiter().GetResult();
        var firstNew = _harness.ScalarAsync("SELECT coalesce(max(id), 0) FROM timers").GetAwaiter().GetResult();
        for (var i = 0; i < Due; i++) _harness.DeclareAsync(_next++).GetAwaiter().GetResult();
        var backdated = _harness.ExecuteAsync(
            "UPDATE timers SET due_at = @DueAt WHERE id > @FirstNew AND fired_at IS NULL",
            new { FirstNew = firstNew, DueAt = TimeProvider.System.GetUtcNow().AddSeconds(-1) }).GetAwaiter().GetResult();
        if (backdated != Due) throw new InvalidOperationException($"armed {backdated} ack timers, wanted {Due}");
    }

    [GlobalCleanup]
    public void Cleanup()
    {
        var pending = ClockFixture.PendingAsync(_harness).GetAwaiter().GetResult();
        var repages = _harness.ScalarAsync("SELECT count(*) FROM pages WHERE attempt > 1").GetAwaiter().GetResult();
        Console.WriteLine($"// cleanup: {pending} pending timers; {repages} re-pages written by fired ack timeouts");
        _harness.DisposeAsync().AsTask().GetAwaiter().GetResult();
    }

    [Benchmark(Description = "tick, 10k pending, ack timeouts due (fires each: re-page)")]
    public async Task<DateTimeOffset?> TickFiringDue()
    {
        var fired = await _harness.Clock.FireDueAsync(CancellationToken.None);
        if (fired != Due) throw new InvalidOperationException($"expected {Due} timers to fire, {fired} did");
        return await _harness.Timers.NextDueAtAsync(CancellationToken.None);
    }
}

/// <summary>The <c>clock</c> verb: query plans of the tick's two queries, then both benchmark classes, then a summary.</summary>
public static class ClockTickRunner
{
    public const double TargetMilliseconds = 5;

    public static async Task<int> RunAsync(BenchOptions options)
    {
        Console.WriteLine($"== clock: TimerClock tick with {ClockFixture.PendingTimers:N0} pending timers (BenchmarkDotNet {typeof(BenchmarkRunner).Assembly.GetName().Version}, in-process) ==");
        await PrintQueryPlansAsync();
        var summaries = new[]
        {
            BenchmarkRunner.Run<ClockTickIdle>(ClockConfigs.Idle(options.Quick)),
            BenchmarkRunner.Run<ClockTickFireDue>(ClockConfigs.FireDue(options.Quick)),
        };
        Console.WriteLine($"== clock tick with {ClockFixture.PendingTimers:N0} pending timers{(options.Quick ? " (--quick: not for the record)" : "")}; load {Machine.LoadAverage()} ==");
        var missed = false;
        foreach (var report in summaries.SelectMany(s => s.Reports))
        {
            missed |= PrintTick(report);
        }

        return missed ? 1 : 0;
    }

    /// <summary>Prints one result; true when it is a whole tick that missed the target (or did not run).</summary>
    private static bool PrintTick(BenchmarkReport report)
    {
        var descriptor = report.BenchmarkCase.Descriptor;
        var parameters = report.BenchmarkCase.HasParameters ? $" [{report.BenchmarkCase.Parameters.DisplayInfo}]" : "";
        var name = descriptor.WorkloadMethodDisplayInfo + parameters;
        var isTick = descriptor.WorkloadMethod.Name.StartsWith("Tick", StringComparison.Ordinal);
        if (report.ResultStatistics is not { } stats)
        {
            Console.WriteLine($"{name}: no result (see the log above)");
            return isTick;
        }

        var met = stats.Mean < TargetMilliseconds * 1e6;
        var verdict = isTick ? $"  target < {TargetMilliseconds} ms: {(met ? "MET" : "MISSED")}" : "";
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"{name}: mean {stats.Mean / 1e6:N3} ms, median {stats.Median / 1e6:N3} ms, p95 {stats.Percentiles.P95 / 1e6:N3} ms, max {stats.Max / 1e6:N3} ms ({stats.N} iterations){verdict}"));
        return isTick && !met;
    }

    private static async Task PrintQueryPlansAsync()
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
}
