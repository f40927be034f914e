using System.Diagnostics;
using System.Globalization;
using SecBot.Host.Tests.Replicas;
using SecBot.Storage.Database;
using SecBot.Storage.Tests.Support;

namespace SecBot.Bench;

/// <summary>
/// Issue 14's figures in one run: SecBot hosts as OS processes (<c>dotnet SecBot.Host.dll</c>, the multi-replica test's
/// <see cref="ReplicaProcess"/>) behind the recording fake Slack, on SQLite (one host) and on a throwaway PostgreSQL 15 (the
/// storage tests' <see cref="PostgresServer"/>) with 1 and with 3 replicas. Each configuration gets a fresh database and
/// the same closed-loop load of signed <c>/slack/command</c> declares spread round-robin over its replicas; then, on 3
/// replicas, a failover run: declares paced so ack timeouts come due all the time, one replica SIGKILLed mid-run.
/// </summary>
public static class ReplicaLoad
{
    public const double TargetDeclaresPerSecond = 1_000;
    public static readonly TimeSpan TargetFailover = TimeSpan.FromSeconds(10);

    /// <summary>The steady phase after the burst: a rate every configuration delivers pages for as they come.</summary>
    private const int PacedRate = 20;
    private const int PacedCount = 200;

    private static readonly TimeSpan DrainTimeout = TimeSpan.FromMinutes(10);
    private static readonly TimeSpan FailoverAckTimeout = TimeSpan.FromSeconds(10);

    private sealed record Configuration(string Name, DatabaseProvider Provider, int Replicas);

    public static async Task<int> RunAsync(BenchOptions options)
    {
        var count = options.Count ?? (options.Quick ? 300 : 3_000);
        var concurrency = options.Concurrency;
        await using var postgres = await PostgresServer.StartAsync();
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"== replicas: {count:N0} signed /slack/command declares per configuration, closed loop with {concurrency} in flight, round-robin over the replicas; each replica a `dotnet SecBot.Host.dll` process; PostgreSQL {postgres.ConnectionString.Split(';')[0]}:{postgres.Port} (fsync off, the harness's) =="));
        Configuration[] configurations =
        [
            new("SQLite, 1 host", DatabaseProvider.Sqlite, 1),
            new("PostgreSQL, 1 replica", DatabaseProvider.Postgres, 1),
            new("PostgreSQL, 3 replicas", DatabaseProvider.Postgres, 3),
        ];
        var lines = new List<string>();
        foreach (var configuration in configurations)
        {
            lines.Add(await ThroughputAsync(postgres, configuration, count, concurrency));
            Console.WriteLine(lines[^1]);
        }

        var failover = await FailoverAsync(postgres, options.Quick ? 200 : 600);
        Console.WriteLine(failover);
        Console.WriteLine("== side by side ==");
        foreach (var line in lines) Console.WriteLine(line);
        Console.WriteLine(failover);
        return 0;
    }

    private static async Task<string> ThroughputAsync(PostgresServer postgres, Configuration configuration, int count, int concurrency)
    {
        await using var cluster = await BenchCluster.StartAsync(postgres, configuration.Provider, configuration.Replicas, _ => { });
        await Declares.RunAsync(cluster, 1, Math.Min(200, count), concurrency, pace: null); // warm-up: JIT, pools, prepared statements
        await cluster.WaitForPagesAsync(Math.Min(200, count), DrainTimeout);
        var load = Machine.LoadAverage();
        var cpuBefore = cluster.CpuSeconds();
        var run = await Declares.RunAsync(cluster, 1_000_000, count, concurrency, pace: null);
        var cpu = cluster.CpuSeconds() - cpuBefore;
        var drained = await cluster.WaitForPagesAsync(Math.Min(200, count) + count, DrainTimeout);
        var commitToPage = await cluster.CommitToPageMsAsync(1_000_000, 2_000_000);
        // Then at a steady rate the outbox keeps up with: commit -> page without a backlog in front of it.
        var paced = await Declares.RunAsync(cluster, 2_000_000, PacedCount, 16, TimeSpan.FromSeconds(1.0 / PacedRate));
        await cluster.WaitForPagesAsync(Math.Min(200, count) + count + PacedCount, DrainTimeout);
        var pacedCommitToPage = await cluster.CommitToPageMsAsync(2_000_000, 3_000_000);
        return string.Create(CultureInfo.InvariantCulture,
            $"{configuration.Name,-23}: {run.PerSecond:N0} declares/s ({run.Accepted:N0} accepted, {run.Failed:N0} failed, {run.Elapsed.TotalSeconds:N1} s), "
            + $"answer p50 {run.P50:N1} ms / p99 {run.P99:N1} ms, hosts' CPU {cpu * 1000 / count:N1} ms per declare; after the burst commit -> page p50 {BenchStats.Percentile(commitToPage, 0.5):N0} ms / p99 {BenchStats.Percentile(commitToPage, 0.99):N0} ms "
            + $"({commitToPage.Length:N0} incidents matched, the last page {drained.TotalSeconds:N1} s after the run); "
            + $"at {PacedRate}/s ({paced.Accepted:N0} accepted) commit -> page p50 {BenchStats.Percentile(pacedCommitToPage, 0.5):N0} ms / p99 {BenchStats.Percentile(pacedCommitToPage, 0.99):N0} ms; load {load} -> {Machine.LoadAverage()}");
    }

    /// <summary>
    /// Three replicas, the first level's ack timeout <see cref="FailoverAckTimeout"/>: declares paced over three timeouts so
    /// re-pages come due all the time; one replica is SIGKILLed half-way. Kill -> the first escalation due after it fires
    /// (on a survivor); the worst lateness of those due in the next 10 s; how long the messages it held stayed claimed.
    /// </summary>
    private static async Task<string> FailoverAsync(PostgresServer postgres, int count)
    {
        await using var cluster = await BenchCluster.StartAsync(postgres, DatabaseProvider.Postgres, 3, policy =>
        {
            var levels = policy["SecBot"]!["Escalation"]!["Levels"]!.AsArray();
            levels[0]!["AckTimeout"] = FailoverAckTimeout.ToString("c", CultureInfo.InvariantCulture);
            levels[1]!["AckTimeout"] = "01:00:00";
        });
        var pace = FailoverAckTimeout * 3 / count;
        var victim = cluster.Replicas[0];
        var declaring = Declares.RunAsync(cluster, 1, count, 16, pace, skip: victim);
        await Task.Delay(FailoverAckTimeout * 1.5, TimeProvider.System);
        // Kill it while it holds claimed messages if that can be caught within a few seconds (its runs are short).
        var claimant = $"dispatcher-{victim.ProcessId}-%";
        var looking = Stopwatch.StartNew();
        while (looking.Elapsed < TimeSpan.FromSeconds(5) && await cluster.ClaimedByAsync(claimant) == 0) { }
        var killedAt = TimeProvider.System.GetUtcNow();
        await victim.KillAsync();
        var heldAtKill = await cluster.ClaimedByAsync(claimant);
        var held = Stopwatch.StartNew();
        while (heldAtKill > 0 && held.Elapsed < DrainTimeout && await cluster.ClaimedByAsync(claimant) > 0)
        {
            await Task.Delay(TimeSpan.FromMilliseconds(100), TimeProvider.System);
        }
        var takenOverAfter = TimeProvider.System.GetUtcNow() - killedAt;
        var run = await declaring;
        var incidents = await cluster.WaitForRepagesAsync(DrainTimeout);
        var firings = incidents
            .Select(incident => (
                Due: incident.Pages.Where(page => page.Attempt == 1).Min(page => page.PagedAt) + FailoverAckTimeout,
                Fired: incident.Pages.Where(page => page.Attempt == 2).Select(page => page.PagedAt).DefaultIfEmpty(DateTimeOffset.MaxValue).Min()))
            .Where(firing => firing.Due >= killedAt)
            .OrderBy(firing => firing.Due)
            .ToList();
        var first = firings.FirstOrDefault();
        var window = firings.Where(firing => firing.Due < killedAt + TargetFailover).Select(firing => (firing.Fired - firing.Due).TotalMilliseconds).ToArray();
        var failover = first.Fired - killedAt;
        return string.Create(CultureInfo.InvariantCulture,
            $"failover, PostgreSQL, 3 replicas, one SIGKILLed {FailoverAckTimeout.TotalSeconds * 1.5:N0} s into {count:N0} declares paced over {(pace * count).TotalSeconds:N0} s (ack timeout {FailoverAckTimeout.TotalSeconds:N0} s): "
            + $"kill -> the first escalation due after it fired on a survivor in {failover.TotalSeconds:N2} s (it was due {(first.Due - killedAt).TotalSeconds:N2} s after the kill, fired {(first.Fired - first.Due).TotalMilliseconds:N0} ms late); "
            + $"escalations due in the {TargetFailover.TotalSeconds:N0} s after the kill: {window.Length:N0}, late p50 {BenchStats.Percentile(window, 0.5):N0} ms / max {window.DefaultIfEmpty(double.NaN).Max():N0} ms; "
            + $"{heldAtKill:N0} messages left claimed by the killed replica were taken over {(heldAtKill == 0 ? 0 : takenOverAfter.TotalSeconds):N1} s after the kill (SecBot:Delivery:ClaimLease {SecBot.Storage.Delivery.OutboxRepository.DefaultClaimLease.TotalSeconds:N0} s); "
            + $"{run.Accepted:N0} declares accepted, {run.Failed:N0} failed; target < {TargetFailover.TotalSeconds:N0} s");
    }
}
