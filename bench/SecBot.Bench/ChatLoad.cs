using System.Diagnostics;
using System.Globalization;
using System.Net.WebSockets;
using Dapper;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.DependencyInjection;
using SecBot.Host;
using SecBot.Storage;
using SecBot.Storage.Delivery;

namespace SecBot.Bench;

/// <summary>
/// The real host (SecBotApp.CreateAsync, Kestrel on 127.0.0.1:0) with one chat platform configured against its fake on
/// loopback (<see cref="ILoadPlatform"/>), driven by an open-loop constant-rate load of declares through that platform's
/// transport: signed Slack slash commands, Socket Mode envelopes, or Teams message activities with Bot Framework tokens.
/// </summary>
public static class ChatLoad
{
    public const double TargetP99Ms = 25;
    public const double TargetRate = 2_000;
    public const double TargetDeliveryP99Ms = 100;
    public const double SustainedP99Ms = 100;

    /// <summary>The paced phase's rate: three sends a declare stay within Teams' 30 calls/s, so pages never queue behind the limit.</summary>
    public const int PacedRate = 5;

    public static readonly TimeSpan AnswerTimeout = TimeSpan.FromSeconds(30);

    /// <summary>Each transport of <c>--transport</c> in turn (a fresh host and database each), then, for more than one, their figures side by side.</summary>
    public static async Task<int> RunAsync(BenchOptions options)
    {
        var exit = 0;
        var summaries = new List<Summary>();
        foreach (var transport in options.Transports)
        {
            var (code, summary) = await RunTransportAsync(options, transport);
            exit |= code;
            summaries.Add(summary);
        }

        if (summaries.Count > 1)
        {
            Console.WriteLine("== side by side (same process run, one after the other) ==");
            foreach (var summary in summaries) Console.WriteLine(summary.Describe());
        }

        return exit;
    }

    /// <summary>
    /// One transport's figures: commit -> page at the paced rate, the 200/s run and its commit -> page (NaN when pages are
    /// paced by a send limit), every step, the highest one sustained.
    /// </summary>
    public sealed record Summary(
        LoadTransport Transport, double PacedDeliveryP50, double PacedDeliveryP99, Run Baseline, double DeliveryP50, double DeliveryP99, IReadOnlyList<(int Rate, Run Run)> Steps, int MaxSustained)
    {
        public string Describe() => string.Create(CultureInfo.InvariantCulture,
            $"{Name(Transport),-11}: {PacedRate}/s commit -> page p50 {PacedDeliveryP50:N1} ms, p99 {PacedDeliveryP99:N1} ms; "
            + $"200/s p50 {Baseline.P50:N2} ms, p99 {Baseline.P99:N2} ms, {Baseline.Achieved:N0}/s completed, {Baseline.Errors:N0} errors, {Baseline.CpuPerRequestUs:N0} us CPU/request; "
            + $"commit -> page at 200/s p50 {DeliveryP50:N1} ms, p99 {DeliveryP99:N1} ms; max sustained {MaxSustained:N0}/s"
            + $" (steps: {string.Join(", ", Steps.Select(s => $"{s.Rate}/s: {s.Run.Achieved:N0}/s completed, p99 {s.Run.P99:N1} ms"))})");
    }

    private static string Name(LoadTransport transport) => transport switch
    {
        LoadTransport.Http => "Slack HTTP",
        LoadTransport.Socket => "Socket Mode",
        _ => "Teams",
    };

    private static string Heading(LoadTransport transport) => transport switch
    {
        LoadTransport.Http => "== chat-load, Slack over HTTP: signed /slack/command declares against the real host on loopback; open loop, latency from the scheduled send time to the response ==",
        LoadTransport.Socket => "== chat-load, Slack Socket Mode: slash_commands envelopes to the real host over its WebSocket to the fake Slack; open loop, latency from the scheduled send time to the ack ==",
        _ => "== chat-load, Teams: message activities 'declare <title>' with a Bot Framework token (RS256, validated by the host) to /api/messages; open loop, latency from the scheduled send time to the response ==",
    };

    private static async Task<ILoadPlatform> StartPlatformAsync(LoadTransport transport) => transport switch
    {
        LoadTransport.Teams => await TeamsLoadPlatform.StartAsync(),
        _ => await SlackLoadPlatform.StartAsync(socketMode: transport == LoadTransport.Socket),
    };

    private static async Task<(int Exit, Summary Summary)> RunTransportAsync(BenchOptions options, LoadTransport transport)
    {
        var quick = options.Quick;
        var baseSeconds = quick ? 5 : 30;
        var stepSeconds = quick ? 3 : 10;
        var pacedSeconds = quick ? 6 : 20;
        IReadOnlyList<int> steps = options.Rates ?? (quick ? [300, 500] : [300, 400, 500, 750, 1000, 1500, 2000, 3000]);
        Console.WriteLine(Heading(transport));

        var directory = Path.Combine(Path.GetTempPath(), "secbot-bench", Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(directory);
        var database = Path.Combine(directory, "secbot.db");
        await using var platform = await StartPlatformAsync(transport);
        string[] args =
        [
            "--urls", "http://127.0.0.1:0",
            $"--SecBot:Database:Path={database}",
            // Information would write a console line per request and per delivery into this benchmark's output.
            "--Logging:LogLevel:Default=Warning",
            // One load driver declares for everyone: the per-person declare limit and storm control would refuse or hold most of it.
            "--SecBot:Limits:Declares:PerPerson=1000000",
            "--SecBot:Delivery:PageStorm:Pages=1000000",
            .. platform.HostArguments,
        ];
        var app = await SecBotApp.CreateAsync(args, Path.Combine(Harness.RepoRoot(), "appsettings.json"));
        await app.StartAsync();
        try
        {
            var address = new Uri(app.Services.GetRequiredService<IServer>().Features.GetRequiredFeature<IServerAddressesFeature>().Addresses.First());
            Console.WriteLine($"host: {address} (Release build: {!Debugger.IsAttached && IsRelease()}), database {database}; {platform.Describe()}");
            Console.WriteLine($"host and load driver share this process and the machine's {Environment.ProcessorCount} cores");
            using var driver = new Driver(await platform.ConnectAsync(app.Services, address));
            var store = app.Services.GetRequiredService<IStore>();
            var outbox = app.Services.GetRequiredService<OutboxRepository>();
            var paced = platform.DeliveryPacing;

            // Paced: every transport's commit -> page where no send limit queues the pages. A short discarded run first.
            Console.WriteLine((await driver.RunAsync(PacedRate, quick ? 2 : 4)).Describe("settle (discarded)"));
            await DrainAsync(outbox);
            var pacedRun = await Phase.RunAsync(driver, store, outbox, PacedRate, pacedSeconds);
            await DrainAsync(outbox);
            var pacedDelivery = await DeliveryAsync(store, platform, pacedRun.Incidents);
            Console.WriteLine(pacedRun.Run.Describe($"paced {PacedRate}/s") + pacedRun.Pending);
            Console.WriteLine(DescribeDelivery($"delivery at {PacedRate}/s", pacedDelivery, pacedRun.Incidents));
            Console.WriteLine(await OutboxPerDeclareAsync(store));
            var verification = await platform.MeasureVerificationAsync(app.Services);
            Console.WriteLine(verification);

            // Warm-up: JIT, connection pool, SQLite caches. Not reported.
            var warm = await driver.RunAsync(200, quick ? 2 : 5);
            if (paced is null) await DrainAsync(outbox);
            Console.WriteLine(warm.Describe("warm-up (discarded)"));
            await Task.Delay(TimeSpan.FromSeconds(1), TimeProvider.System);

            var baseline = await Phase.RunAsync(driver, store, outbox, 200, baseSeconds);
            Console.WriteLine(baseline.Run.Describe("constant 200/s") + baseline.Pending);
            var delivery = paced is null ? await DrainedDeliveryAsync(store, outbox, platform, baseline.Incidents) : Array.Empty<double>();
            Console.WriteLine(paced is null
                ? DescribeDelivery("delivery at 200/s", delivery, baseline.Incidents)
                : $"delivery at 200/s not measured, and the outbox not drained between phases: {paced}");

            var runs = new List<(int Rate, Run Run)>();
            var maxSustained = 0;
            foreach (var rate in steps)
            {
                var step = await Phase.RunAsync(driver, store, outbox, rate, stepSeconds);
                runs.Add((rate, step.Run));
                var sustained = step.Run.Errors == 0 && step.Run.P99 < SustainedP99Ms;
                Console.WriteLine(step.Run.Describe($"step {rate}/s") + step.Pending + (sustained ? "   sustained" : "   NOT sustained"));
                if (paced is null) Console.WriteLine("    " + DescribeDelivery("delivery", await DrainedDeliveryAsync(store, outbox, platform, step.Incidents), step.Incidents));
                if (!sustained) break;
                maxSustained = rate;
                await Task.Delay(TimeSpan.FromSeconds(2), TimeProvider.System);
            }

            var incidents = await store.ReadAsync(c => c.ExecuteScalarAsync<long>("SELECT count(*) FROM incidents"), CancellationToken.None);
            var ok = driver.TotalOk;
            var pending = (await outbox.CountAsync(CancellationToken.None)).Pending;
            Console.WriteLine($"every declare committed: {incidents:N0} incidents in the database, {ok:N0} accepted answers, {driver.TotalErrors:N0} errors, {driver.TotalRefused:N0} answers without an INC-n -> {(incidents == ok ? "EQUAL" : "DIFFERENT")}; outbox pending at the end {pending:N0}");
            var pacedP99 = BenchStats.Percentile(pacedDelivery, 0.99);
            var deliveryP99 = BenchStats.Percentile(delivery, 0.99);
            var atBaseline = paced is null
                ? string.Create(CultureInfo.InvariantCulture, $"{deliveryP99:N1} ms at 200/s {(deliveryP99 < TargetDeliveryP99Ms ? "MET" : "MISSED")}")
                : "not measured at 200/s (paced)";
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"target p99 < {TargetP99Ms} ms at 200/s: {baseline.Run.P99:N2} ms {(baseline.Run.P99 < TargetP99Ms && baseline.Run.Errors == 0 ? "MET" : "MISSED")};  "
                + $"target >= {TargetRate:N0} declares/s sustained: max sustained step {maxSustained:N0}/s {(maxSustained >= TargetRate ? "MET" : "MISSED")};  "
                + $"target commit -> page p99 < {TargetDeliveryP99Ms} ms: {pacedP99:N1} ms at {PacedRate}/s {(pacedP99 < TargetDeliveryP99Ms ? "MET" : "MISSED")}, {atBaseline}"));
            var summary = new Summary(
                transport, BenchStats.Percentile(pacedDelivery, 0.5), pacedP99, baseline.Run, BenchStats.Percentile(delivery, 0.5), deliveryP99, runs, maxSustained);
            return (incidents == ok ? 0 : 1, summary);
        }
        finally
        {
            await app.StopAsync();
            await app.DisposeAsync();
            SqliteConnection.ClearAllPools();
            try
            {
                Directory.Delete(directory, recursive: true);
            }
            catch (IOException)
            {
                // Left for the OS temp cleaner.
            }
        }
    }

    /// <summary>What one declare queued, by outbox kind, over the run so far.</summary>
    private static async Task<string> OutboxPerDeclareAsync(IStore store)
    {
        var (incidents, kinds) = await store.ReadAsync(
            async c => (await c.ExecuteScalarAsync<long>("SELECT count(*) FROM incidents"),
                (await c.QueryAsync<(string Kind, long Rows)>("SELECT kind, count(*) FROM outbox GROUP BY kind ORDER BY kind")).ToList()),
            CancellationToken.None);
        return string.Create(CultureInfo.InvariantCulture,
            $"outbox rows per declare so far ({incidents:N0} declares): {string.Join(", ", kinds.Select(k => $"{k.Kind} {k.Rows / (double)Math.Max(incidents, 1):N2}"))}");
    }

    private static string DescribeDelivery(string label, double[] latenciesMs, IReadOnlyCollection<long> incidents) => string.Create(CultureInfo.InvariantCulture,
        $"{label} (incident created_at -> the page arrives at the fake platform): {latenciesMs.Length:N0} of {incidents.Count:N0} matched, "
        + $"p50 {BenchStats.Percentile(latenciesMs, 0.5):N1} ms, p99 {BenchStats.Percentile(latenciesMs, 0.99):N1} ms, max {(latenciesMs.Length > 0 ? latenciesMs.Max() : double.NaN):N1} ms");

    /// <summary>One timed run at a rate with its outbox backlog sampled, and the incidents it created (numbers after the last one before it).</summary>
    private sealed record Phase(Run Run, string Pending, IReadOnlyCollection<long> Incidents)
    {
        public static async Task<Phase> RunAsync(Driver driver, IStore store, OutboxRepository outbox, int rate, int seconds)
        {
            var before = await LastIncidentAsync(store);
            var backlog = Backlog.Start(outbox);
            var run = await driver.RunAsync(rate, seconds);
            var sampled = await backlog.StopAsync();
            var created = await store.ReadAsync(
                c => c.QueryAsync<long>("SELECT id FROM incidents WHERE id > @Before", new { Before = before }), CancellationToken.None);
            return new Phase(run, sampled, [.. created]);
        }

        private static Task<long> LastIncidentAsync(IStore store) =>
            store.ReadAsync(c => c.ExecuteScalarAsync<long>("SELECT coalesce(max(id), 0) FROM incidents"), CancellationToken.None);
    }

    /// <summary>Samples the outbox's pending count every 250 ms during a run: how far the dispatcher fell behind.</summary>
    private sealed class Backlog
    {
        private readonly CancellationTokenSource _stop = new();
        private Task<(long Max, long Last)> _sampling = null!;

        public static Backlog Start(OutboxRepository outbox)
        {
            var backlog = new Backlog();
            backlog._sampling = backlog.SampleAsync(outbox);
            return backlog;
        }

        public async Task<string> StopAsync()
        {
            await _stop.CancelAsync();
            var (max, last) = await _sampling;
            _stop.Dispose();
            return string.Create(CultureInfo.InvariantCulture, $"; outbox pending max {max:N0}, at end {last:N0}");
        }

        private async Task<(long Max, long Last)> SampleAsync(OutboxRepository outbox)
        {
            long max = 0, last = 0;
            while (!_stop.IsCancellationRequested)
            {
                last = (await outbox.CountAsync(CancellationToken.None)).Pending;
                max = Math.Max(max, last);
                try
                {
                    await Task.Delay(TimeSpan.FromMilliseconds(250), TimeProvider.System, _stop.Token);
                }
                catch (OperationCanceledException)
                {
                    break;
                }
            }

            return (max, last);
        }
    }

    private static bool IsRelease() =>
        typeof(SecBotApp).Assembly.GetCustomAttributes(typeof(DebuggableAttribute), false).OfType<DebuggableAttribute>().All(a => !a.IsJITOptimizerDisabled);

    /// <summary>Waits (bounded) until the outbox has nothing pending; how long that took.</summary>
    private static async Task<TimeSpan> DrainAsync(OutboxRepository outbox)
    {
        var start = Stopwatch.GetTimestamp();
        while ((await outbox.CountAsync(CancellationToken.None)).Pending > 0)
        {
            if (Stopwatch.GetElapsedTime(start) > TimeSpan.FromSeconds(120)) throw new TimeoutException("the outbox did not drain in 120 s");
            await Task.Delay(TimeSpan.FromMilliseconds(20), TimeProvider.System);
        }

        return Stopwatch.GetElapsedTime(start);
    }

    private static async Task<double[]> DrainedDeliveryAsync(IStore store, OutboxRepository outbox, ILoadPlatform platform, IReadOnlyCollection<long> incidents)
    {
        var drained = await DrainAsync(outbox);
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"    outbox drained {drained.TotalSeconds:N1} s after the run"));
        return await DeliveryAsync(store, platform, incidents);
    }

    /// <summary>For each incident: the arrival of its first page at the fake platform minus its created_at.</summary>
    private static async Task<double[]> DeliveryAsync(IStore store, ILoadPlatform platform, IReadOnlyCollection<long> incidents)
    {
        var created = (await store.ReadAsync(c => c.QueryAsync<(long Number, long CreatedAt)>("SELECT id, created_at FROM incidents"), CancellationToken.None))
            .ToDictionary(r => r.Number, r => r.CreatedAt);
        var firstPage = new Dictionary<long, double>();
        foreach (var page in platform.Pages())
        {
            if (!firstPage.TryGetValue(page.Incident, out var at) || page.ArrivedUnixMs < at) firstPage[page.Incident] = page.ArrivedUnixMs;
        }

        var latencies = new List<double>(incidents.Count);
        foreach (var number in incidents)
        {
            if (created.TryGetValue(number, out var createdAt) && firstPage.TryGetValue(number, out var arrived)) latencies.Add(arrived - createdAt);
        }

        return [.. latencies];
    }

    public sealed record Run(int Rate, int Seconds, int Sent, int Ok, int Errors, int Refused, double Issued, double P50, double P99, double Max, double Achieved, double CpuPerRequestUs, string Load)
    {
        public string Describe(string label) => string.Create(CultureInfo.InvariantCulture,
            $"{label,-22}: {Sent:N0} sent over {Seconds} s ({Issued:N0}/s issued, {Achieved:N0}/s completed), {Ok:N0} ok, {Errors:N0} errors, {Refused:N0} refused; "
            + $"latency p50 {P50:N2} ms, p99 {P99:N2} ms, max {Max:N1} ms   load {Load}");
    }

    /// <summary>
    /// Open-loop load: request i is due at start + i / rate and is sent then, whether or not earlier ones have answered;
    /// its latency runs from that due time (not from when it was actually sent) to SecBot's answer (the end of the HTTP
    /// response, or the Socket Mode acknowledgement), so a stall in the host or in this driver counts against every request it
    /// delays (no coordinated omission).
    /// </summary>
    private sealed class Driver(ICommandTransport transport) : IDisposable
    {
        private long _sequence;

        public long TotalOk { get; private set; }
        public long TotalErrors { get; private set; }
        public long TotalRefused { get; private set; }

        public async Task<Run> RunAsync(int rate, int seconds)
        {
            var count = rate * seconds;
            await transport.PrepareAsync(count);
            var latencies = new double[count];
            var outcomes = new DeclareOutcome[count];
            var tasks = new Task[count];
            var ticksPerRequest = Stopwatch.Frequency / (double)rate;
            var cost = ProcessCost.Now();
            var start = Stopwatch.GetTimestamp();
            for (var i = 0; i < count; i++)
            {
                // Sleeps (never spins: a spinning driver takes a core from the host it measures) until the request is due, or
                // sends at once when the timer woke late; the latency still counts from the due time.
                var due = start + (long)(i * ticksPerRequest);
                var wait = Stopwatch.GetElapsedTime(Stopwatch.GetTimestamp(), due);
                if (wait > TimeSpan.Zero) await Task.Delay(wait, TimeProvider.System);
                var index = i;
                tasks[i] = Task.Run(() => SendAsync(index, due, latencies, outcomes));
            }

            var issued = count / Stopwatch.GetElapsedTime(start).TotalSeconds;
            await Task.WhenAll(tasks);
            var elapsed = Stopwatch.GetElapsedTime(start);
            var spent = ProcessCost.Now();
            var ok = outcomes.Count(o => o == DeclareOutcome.Accepted);
            var refused = outcomes.Count(o => o == DeclareOutcome.Refused);
            var errors = outcomes.Count(o => o == DeclareOutcome.Failed);
            TotalOk += ok;
            TotalRefused += refused;
            TotalErrors += errors;
            return new Run(rate, seconds, count, ok, errors, refused, issued,
                BenchStats.Percentile(latencies, 0.5), BenchStats.Percentile(latencies, 0.99), latencies.Max(), count / elapsed.TotalSeconds,
                (spent.Cpu - cost.Cpu).TotalMicroseconds / count, Machine.LoadAverage() + "; " + spent.Since(cost, count));
        }

        private async Task SendAsync(int index, long due, double[] latencies, DeclareOutcome[] outcomes)
        {
            var n = Interlocked.Increment(ref _sequence);
            try
            {
                outcomes[index] = await transport.DeclareAsync(n, $"Suspicious sign-in burst on vpn-gw-{n % 97} (load {n})");
            }
            catch (Exception e) when (e is HttpRequestException or TaskCanceledException or IOException or TimeoutException or WebSocketException)
            {
                outcomes[index] = DeclareOutcome.Failed;
            }

            latencies[index] = Stopwatch.GetElapsedTime(due).TotalMilliseconds;
        }

        public void Dispose() => transport.Dispose();
    }
}
