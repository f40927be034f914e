using BenchmarkDotNet.Attributes;
using BenchmarkDotNet.Columns;
using BenchmarkDotNet.Configs;
using BenchmarkDotNet.Diagnosers;
using BenchmarkDotNet.Jobs;
using BenchmarkDotNet.Toolchains.InProcess.Emit;

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
        return harness;
    }

    public static Task<long> PendingAsync(Harness harness) => harness.ScalarAsync("SELECT count(*) FROM timers WHERE fired_at IS NULL");

    public static Task<long> DueAsync(Harness harness) =>
        harness.ScalarAsync("SELECT count(*) FROM timers WHERE fired_at IS NULL AND due_at <= @Now", new { Now = TimeProvider.System.GetUtcNow() });
}

/// <summary>In-process (no generated project), short runs: the whole clock suite stays around a minute.</summary>
public sealed class ClockConfig : ManualConfig
{
    public ClockConfig()
    {
        AddJob(Job.Default
            .WithToolchain(InProcessEmitToolchain.Instance)
            .WithWarmupCount(3)
            .WithIterationCount(15)
            .WithId("InProcess"));
        AddColumn(StatisticColumn.Median, StatisticColumn.P95, StatisticColumn.Max);
        AddDiagnoser(MemoryDiagnoser.Default);
        WithOptions(ConfigOptions.DisableLogFile);
        WithArtifactsPath(ClockFixture.ArtifactsPath);
    }
}

/// <summary>Same, one invocation per iteration: every iteration arms one due timer in its setup.</summary>
public sealed class FireOneConfig : ManualConfig
{
    public FireOneConfig()
    {
        AddJob(Job.Default
            .WithToolchain(InProcessEmitToolchain.Instance)
            .WithInvocationCount(1)
            .WithUnrollFactor(1)
            .WithWarmupCount(20)
            .WithIterationCount(300)
            .WithId("InProcess-1op"));
        AddColumn(StatisticColumn.Median, StatisticColumn.P95, StatisticColumn.Max);
        AddDiagnoser(MemoryDiagnoser.Default);
        WithOptions(ConfigOptions.DisableLogFile);
        WithArtifactsPath(ClockFixture.ArtifactsPath);
    }
}

/// <summary>
/// A clock tick when nothing is due, with 10,000 pending timers: <c>TimerClock.FireDueAsync</c> (one write
/// transaction that finds nothing) then <c>TimerRepository.NextDueAtAsync</c> (how long to sleep); and each half alone.
/// </summary>
[Config(typeof(ClockConfig))]
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
/// A clock tick that fires one due ack-timeout (a real declared incident: the engine re-pages it, with its page,
/// timeline rows, new timer and outbox rows) among 10,000 pending timers, then finds nothing more and asks
/// <c>NextDueAtAsync</c>. The iteration setup declares the incident and backdates its timer; it also deletes
/// the previous iteration's re-page timer so the pending count stays at 10,000 + the armed one.
/// </summary>
[Config(typeof(FireOneConfig))]
#pragma warning disable CA1001 // BenchmarkDotNet disposes through [GlobalCleanup]
public class ClockTickFireOne
#pragma warning restore CA1001
{
    private Harness _harness = null!;
    private long _baselineMaxTimerId;
    private int _next = ClockFixture.PendingTimers;

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
        _harness.DeclareAsync(_next++).GetAwaiter().GetResult();
        var backdated = _harness.ExecuteAsync(
            "UPDATE timers SET due_at = @DueAt WHERE id = (SELECT max(id) FROM timers) AND fired_at IS NULL",
            new { DueAt = TimeProvider.System.GetUtcNow().AddSeconds(-1) }).GetAwaiter().GetResult();
        if (backdated != 1) throw new InvalidOperationException("could not arm the ack timer");
    }

    [GlobalCleanup]
    public void Cleanup()
    {
        var pending = ClockFixture.PendingAsync(_harness).GetAwaiter().GetResult();
        var repages = _harness.ScalarAsync("SELECT count(*) FROM pages WHERE attempt > 1").GetAwaiter().GetResult();
        Console.WriteLine($"// cleanup: {pending} pending timers; {repages} re-pages written by fired ack timeouts");
        _harness.DisposeAsync().AsTask().GetAwaiter().GetResult();
    }

    [Benchmark(Description = "tick, 10k pending, one ack-timeout due (fires it: re-page)")]
    public async Task<DateTimeOffset?> TickFiringOne()
    {
        var fired = await _harness.Clock.FireDueAsync(CancellationToken.None);
        if (fired != 1) throw new InvalidOperationException($"expected one timer to fire, {fired} did");
        return await _harness.Timers.NextDueAtAsync(CancellationToken.None);
    }
}
