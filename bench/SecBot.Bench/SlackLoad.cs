using System.Diagnostics;
using System.Globalization;
using System.Net.WebSockets;
using System.Text.RegularExpressions;
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
/// The real host (SecBotApp.CreateAsync, Kestrel on 127.0.0.1:0) with Slack configured against a recording fake Slack
/// on loopback, driven by an open-loop constant-rate load of signed <c>/slack/command</c> declares.
/// </summary>
public static partial class SlackLoad
{
    public const string SigningSecret = "bench-signing-secret";
    public const string IncidentsChannel = "C0INCIDENTS";
    public const double TargetP99Ms = 25;
    public const double TargetRate = 2_000;
    public const double TargetDeliveryP99Ms = 100;
    public const double SustainedP99Ms = 100;

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

    /// <summary>One transport's figures: the 200/s run, its commit -> page delivery, every step, the highest one sustained.</summary>
    public sealed record Summary(SlackTransport Transport, Run Baseline, double DeliveryP50, double DeliveryP99, IReadOnlyList<(int Rate, Run Run)> Steps, int MaxSustained)
    {
        public string Describe() => string.Create(CultureInfo.InvariantCulture,
            $"{Name(Transport),-11}: 200/s p50 {Baseline.P50:N2} ms, p99 {Baseline.P99:N2} ms, {Baseline.Achieved:N0}/s completed, {Baseline.Errors:N0} errors; "
            + $"commit -> page p50 {DeliveryP50:N1} ms, p99 {DeliveryP99:N1} ms; max sustained {MaxSustained:N0}/s"
            + $" (steps: {string.Join(", ", Steps.Select(s => $"{s.Rate}/s: {s.Run.Achieved:N0}/s completed, p99 {s.Run.P99:N1} ms"))})");
    }

    private static string Name(SlackTransport transport) => transport == SlackTransport.Http ? "HTTP" : "Socket Mode";

    private static async Task<(int Exit, Summary Summary)> RunTransportAsync(BenchOptions options, SlackTransport transport)
    {
        var quick = options.Quick;
        var baseSeconds = quick ? 5 : 30;
        var stepSeconds = quick ? 3 : 10;
        IReadOnlyList<int> steps = options.Rates ?? (quick ? [300, 500] : [300, 400, 500, 750, 1000, 1500, 2000, 3000]);
        Console.WriteLine(transport == SlackTransport.Http
            ? "== slack-load over HTTP: signed /slack/command declares against the real host on loopback; open loop, latency from the scheduled send time to the response =="
            : "== slack-load over Socket Mode: slash_commands envelopes to the real host over its WebSocket to the fake Slack; open loop, latency from the scheduled send time to the ack ==");

        var directory = Path.Combine(Path.GetTempPath(), "secbot-bench", Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(directory);
        var database = Path.Combine(directory, "secbot.db");
        await using var slack = await RecordingSlack.StartAsync();
        string[] args =
        [
            "--urls", "http://127.0.0.1:0",
            $"--SecBot:Database:Path={database}",
            $"--SecBot:Slack:SigningSecret={SigningSecret}",
            "--SecBot:Slack:BotToken=xoxb-bench",
            $"--SecBot:Slack:ApiBaseUrl={slack.ApiBase}",
            $"--SecBot:Slack:IncidentsChannel={IncidentsChannel}",
            // Information would write a console line per request and per delivery into this benchmark's output.
            "--Logging:LogLevel:Default=Warning",
            .. transport == SlackTransport.Socket ? ["--SecBot:Slack:AppToken=xapp-bench"] : Array.Empty<string>(),
        ];
        var app = await SecBotApp.CreateAsync(args, Path.Combine(Harness.RepoRoot(), "appsettings.json"));
        await app.StartAsync();
        try
        {
            var address = new Uri(app.Services.GetRequiredService<IServer>().Features.GetRequiredFeature<IServerAddressesFeature>().Addresses.First());
            Console.WriteLine($"host: {address} (Release build: {!Debugger.IsAttached && IsRelease()}), database {database}; fake Slack Web API: {slack.ApiBase}");
            Console.WriteLine($"host and load driver share this process and the machine's {Environment.ProcessorCount} cores");
            ICommandTransport commands = transport == SlackTransport.Http ? new HttpCommandTransport(address) : new SocketCommandTransport(slack);
            if (transport == SlackTransport.Socket) await slack.WaitForSocketAsync(TimeSpan.FromSeconds(30));
            using var driver = new Driver(commands);
            var store = app.Services.GetRequiredService<IStore>();
            var outbox = app.Services.GetRequiredService<OutboxRepository>();

            // Warm-up: JIT, connection pool, SQLite caches. Not reported.
            var warm = await driver.RunAsync(200, quick ? 2 : 5);
            await DrainAsync(outbox);
            Console.WriteLine(warm.Describe("warm-up (discarded)"));
            await Task.Delay(TimeSpan.FromSeconds(1), TimeProvider.System);

            var backlog = Backlog.Start(outbox);
            var baseline = await driver.RunAsync(200, baseSeconds);
            Console.WriteLine(baseline.Describe("constant 200/s") + await backlog.StopAsync());
            var drained = await DrainAsync(outbox);
            var delivery = await DeliveryAsync(store, slack, baseline.Incidents);
            var deliveryP99 = BenchStats.Percentile(delivery.LatenciesMs, 0.99);
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"delivery at 200/s (incident created_at -> page DM chat.postMessage arrives at the fake Slack): {delivery.Matched:N0} of {baseline.Incidents.Count:N0} matched, "
                + $"p50 {BenchStats.Percentile(delivery.LatenciesMs, 0.5):N1} ms, p99 {BenchStats.Percentile(delivery.LatenciesMs, 0.99):N1} ms, max {(delivery.LatenciesMs.Length > 0 ? delivery.LatenciesMs.Max() : double.NaN):N1} ms; outbox drained in {drained.TotalSeconds:N1} s after the run"));

            var runs = new List<(int Rate, Run Run)>();
            var maxSustained = 0;
            foreach (var rate in steps)
            {
                var stepBacklog = Backlog.Start(outbox);
                var run = await driver.RunAsync(rate, stepSeconds);
                runs.Add((rate, run));
                var sustained = run.Errors == 0 && run.P99 < SustainedP99Ms;
                Console.WriteLine(run.Describe($"step {rate}/s") + await stepBacklog.StopAsync() + (sustained ? "   sustained" : "   NOT sustained"));
                var drainedStep = await DrainAsync(outbox);
                var stepDelivery = await DeliveryAsync(store, slack, run.Incidents);
                Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                    $"    delivery: p50 {BenchStats.Percentile(stepDelivery.LatenciesMs, 0.5):N1} ms, p99 {BenchStats.Percentile(stepDelivery.LatenciesMs, 0.99):N1} ms ({stepDelivery.Matched:N0} matched); outbox drained {drainedStep.TotalSeconds:N1} s after the step"));
                if (!sustained) break;
                maxSustained = rate;
                await Task.Delay(TimeSpan.FromSeconds(2), TimeProvider.System);
            }

            var incidents = await store.ReadAsync(c => c.ExecuteScalarAsync<long>("SELECT count(*) FROM incidents"), CancellationToken.None);
            var ok = driver.TotalOk;
            Console.WriteLine($"every declare committed: {incidents:N0} incidents in the database, {ok:N0} answers naming an INC-n, {driver.TotalErrors:N0} errors, {driver.TotalRefused:N0} answers without an INC-n -> {(incidents == ok ? "EQUAL" : "DIFFERENT")}");
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"target p99 < {TargetP99Ms} ms at 200/s: {baseline.P99:N2} ms {(baseline.P99 < TargetP99Ms && baseline.Errors == 0 ? "MET" : "MISSED")};  "
                + $"target >= {TargetRate:N0} declares/s sustained: max sustained step {maxSustained:N0}/s {(maxSustained >= TargetRate ? "MET" : "MISSED")};  "
                + $"target commit -> page p99 < {TargetDeliveryP99Ms} ms: {deliveryP99:N1} ms {(deliveryP99 < TargetDeliveryP99Ms ? "MET" : "MISSED")}"));
            return (incidents == ok ? 0 : 1, new Summary(transport, baseline, BenchStats.Percentile(delivery.LatenciesMs, 0.5), deliveryP99, runs, maxSustained));
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

    /// <summary>For each incident: the first page DM (chat.postMessage to a D... channel naming it) minus its created_at.</summary>
    private static async Task<(int Matched, double[] LatenciesMs)> DeliveryAsync(IStore store, RecordingSlack slack, IReadOnlyCollection<long> incidents)
    {
        var created = (await store.ReadAsync(c => c.QueryAsync<(long Number, long CreatedAt)>("SELECT id, created_at FROM incidents"), CancellationToken.None))
            .ToDictionary(r => r.Number, r => r.CreatedAt);
        var firstPage = new Dictionary<long, double>();
        foreach (var post in slack.Posts)
        {
            if (post.Incident is not { } number || !post.Channel.StartsWith('D')) continue;
            if (!firstPage.TryGetValue(number, out var at) || post.ArrivedUnixMs < at) firstPage[number] = post.ArrivedUnixMs;
        }

        var latencies = new List<double>(incidents.Count);
        foreach (var number in incidents)
        {
            if (created.TryGetValue(number, out var createdAt) && firstPage.TryGetValue(number, out var arrived)) latencies.Add(arrived - createdAt);
        }

        return (latencies.Count, [.. latencies]);
    }

    public sealed record Run(int Rate, int Seconds, int Sent, int Ok, int Errors, int Refused, double Issued, double P50, double P99, double Max, double Achieved, string Load, IReadOnlyCollection<long> Incidents)
    {
        public string Describe(string label) => string.Create(CultureInfo.InvariantCulture,
            $"{label,-22}: {Sent:N0} sent over {Seconds} s ({Issued:N0}/s issued, {Achieved:N0}/s completed), {Ok:N0} ok, {Errors:N0} errors, {Refused:N0} refused; "
            + $"latency p50 {P50:N2} ms, p99 {P99:N2} ms, max {Max:N1} ms   load {Load}");
    }

    /// <summary>
    /// Open-loop load: request i is due at start + i / rate and is sent then, whether or not earlier ones have answered;
    /// its latency runs from that due time (not from when it was actually sent) to SecBot's answer (the HTTP response
    /// body, or the Socket Mode acknowledgement), so a stall in the host or in this driver counts against every request it
    /// delays (no coordinated omission).
    /// </summary>
    private sealed partial class Driver(ICommandTransport transport) : IDisposable
    {
        private long _sequence;

        public long TotalOk { get; private set; }
        public long TotalErrors { get; private set; }
        public long TotalRefused { get; private set; }

        public async Task<Run> RunAsync(int rate, int seconds)
        {
            var count = rate * seconds;
            var latencies = new double[count];
            var outcomes = new int[count]; // 1 ok, 2 refused (2xx, no INC-n), 3 error
            var incidents = new long[count];
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
                tasks[i] = Task.Run(() => SendAsync(index, due, latencies, outcomes, incidents));
            }

            var issued = count / Stopwatch.GetElapsedTime(start).TotalSeconds;
            await Task.WhenAll(tasks);
            var elapsed = Stopwatch.GetElapsedTime(start);
            var ok = outcomes.Count(o => o == 1);
            var refused = outcomes.Count(o => o == 2);
            var errors = outcomes.Count(o => o == 3);
            TotalOk += ok;
            TotalRefused += refused;
            TotalErrors += errors;
            return new Run(rate, seconds, count, ok, errors, refused, issued,
                BenchStats.Percentile(latencies, 0.5), BenchStats.Percentile(latencies, 0.99), latencies.Max(), count / elapsed.TotalSeconds,
                Machine.LoadAverage() + "; " + ProcessCost.Now().Since(cost, count), [.. incidents.Where(n => n > 0)]);
        }

        private async Task SendAsync(int index, long due, double[] latencies, int[] outcomes, long[] incidents)
        {
            var n = Interlocked.Increment(ref _sequence);
            var title = $"Suspicious sign-in burst on vpn-gw-{n % 97} (load {n})";
            KeyValuePair<string, string>[] fields =
            [
                new("token", "xxx"), new("team_id", "T111"), new("team_domain", "bench"), new("channel_id", "C0GENERAL"), new("channel_name", "general"),
                new("user_id", "U0MAYA0001"), new("user_name", "maya"), new("command", "/secbot"), new("text", "declare " + title),
                new("response_url", "https://hooks.slack.com/commands/T111/1/x"), new("trigger_id", $"{n}.738474920.bench"),
            ];
            try
            {
                var text = await transport.SendAsync(n, fields);
                latencies[index] = Stopwatch.GetElapsedTime(due).TotalMilliseconds;
                if (text is null)
                {
                    outcomes[index] = 3;
                    return;
                }

                var match = IncidentKey().Match(text);
                if (match.Success)
                {
                    outcomes[index] = 1;
                    incidents[index] = long.Parse(match.Groups[1].ValueSpan, CultureInfo.InvariantCulture);
                }
                else
                {
                    outcomes[index] = 2;
                }
            }
            catch (Exception e) when (e is HttpRequestException or TaskCanceledException or IOException or TimeoutException or WebSocketException)
            {
                latencies[index] = Stopwatch.GetElapsedTime(due).TotalMilliseconds;
                outcomes[index] = 3;
            }
        }

        public void Dispose() => transport.Dispose();

        [GeneratedRegex(@"INC-(\d+)", RegexOptions.CultureInvariant)]
        private static partial Regex IncidentKey();
    }
}
