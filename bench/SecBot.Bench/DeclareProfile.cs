using System.Diagnostics;
using System.Globalization;
using SecBot.Domain.Incidents;
using SecBot.Domain.Roster;
using SecBot.Storage.Incidents;
using SecBot.Storage.Roster;

namespace SecBot.Bench;

/// <summary>
/// The <c>profile</c> verb: where a declare's time goes. The declare loop is run cut short at successive stages,
/// each on a fresh file with the store's settings, so the difference between two lines is the cost of one stage.
/// Interleaved (stage after stage, round after round) so a drifting machine load hits every stage alike.
/// </summary>
public static class DeclareProfile
{
    public static async Task<int> RunAsync(BenchOptions options)
    {
        var count = options.Count ?? 5_000;
        Console.WriteLine($"== profile: a declare cut into stages; {count} per stage, {options.Rounds} round(s); median wall and process-CPU µs per operation ==");
        var shape = await DeclareShape.ProbeAsync();
        var stages = new (string Name, Func<Harness, int, Task> Operation)[]
        {
            ("open pooled connection + per-connection pragmas", async (h, _) => { await using var c = await h.Database.OpenConnectionAsync(CancellationToken.None); }),
            ("  + BEGIN IMMEDIATE / COMMIT (empty WriteAsync)", (h, _) => h.Store.WriteAsync(_ => Task.FromResult(0), CancellationToken.None)),
            ("  + the declare's reads (next number, overrides)", (h, _) => h.Store.WriteAsync(async t => { await h.IncidentRepository.NextNumberAsync(t); return await h.Overrides.ListInForceAsync(t); }, CancellationToken.None)),
            ("  + engine decision and cards (no writes)", (h, i) => h.Store.WriteAsync(t => DecideAsync(h, t, i), CancellationToken.None)),
            ("  + the writes = IncidentCommands.DeclareAsync", (h, i) => h.DeclareAsync(i)),
        };

        var results = stages.Select(_ => new List<(double Wall, double Cpu)>()).ToArray();
        var bare = new List<(double Wall, double Cpu)>();
        for (var round = 0; round <= options.Rounds; round++)
        {
            var n = round == 0 ? Math.Min(count, options.Warmup) : count; // round 0 warms up, unrecorded
            for (var s = 0; s < stages.Length; s++)
            {
                var micros = await TimeAsync(stages[s].Operation, n);
                if (round > 0) results[s].Add(micros);
            }

            var bareRun = await DeclareThroughput.BareAsync(shape, n);
            if (round > 0) bare.Add((1e6 / bareRun.PerSecond, bareRun.CpuMicros));
        }

        Console.WriteLine($"{"",-52} {"wall",8}  {"(stage)",9}  {"cpu",8}  {"(stage)",9}  {"rate",8}");
        var (previousWall, previousCpu) = (0.0, 0.0);
        foreach (var (stage, values) in stages.Zip(results))
        {
            var wall = DeclareThroughput.Median(values.Select(v => v.Wall));
            var cpu = DeclareThroughput.Median(values.Select(v => v.Cpu));
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"{stage.Name,-52} {wall,8:N1}  ({wall - previousWall,7:N1})  {cpu,8:N1}  ({cpu - previousCpu,7:N1})  {1e6 / wall,6:N0}/s"));
            (previousWall, previousCpu) = (wall, cpu);
        }

        var bareWall = DeclareThroughput.Median(bare.Select(v => v.Wall));
        var bareCpu = DeclareThroughput.Median(bare.Select(v => v.Cpu));
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"{"bare loop, same rows, prepared commands",-52} {bareWall,8:N1}  {"",9}  {bareCpu,8:N1}  {"",9}  {1e6 / bareWall,6:N0}/s"));
        Console.WriteLine($"load {Machine.LoadAverage()}");
        return 0;
    }

    private static async Task<int> DecideAsync(Harness harness, Storage.StoreTransaction transaction, int i)
    {
        var number = await harness.IncidentRepository.NextNumberAsync(transaction);
        var onCall = new OnCallResolver(harness.Roster, await harness.Overrides.ListInForceAsync(transaction));
        var outcome = harness.Engine.Declare(new DeclareIncident($"Suspicious sign-in burst on vpn-gw-{i % 97} ({i})", null, null, Harness.Declarer), number, onCall, transaction.Now);
        var decision = outcome.Value ?? throw new InvalidOperationException(outcome.Refusal);
        var rendered = decision.Notices.Select(harness.Cards.Render).Count();
        _ = harness.Cards.StatusCard(decision.Incident, "Declared by bench");
        return rendered;
    }

    private static async Task<(double Wall, double Cpu)> TimeAsync(Func<Harness, int, Task> operation, int count)
    {
        await using var harness = await Harness.CreateAsync();
        await operation(harness, 0);
        DeclareThroughput.Collect();
        var cpu = DeclareThroughput.CpuTime();
        var start = Stopwatch.GetTimestamp();
        for (var i = 1; i <= count; i++) await operation(harness, i);
        var wall = Stopwatch.GetElapsedTime(start);
        return (wall.TotalMicroseconds / count, (DeclareThroughput.CpuTime() - cpu).TotalMicroseconds / count);
    }
}
