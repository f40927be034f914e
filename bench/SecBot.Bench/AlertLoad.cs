using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Text;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.Extensions.DependencyInjection;
using SecBot.Host;
using SecBot.Storage.Delivery;
using SecBot.Storage.Incidents;

namespace SecBot.Bench;

/// <summary>
/// Alert intake against the real host on loopback (Slack configured against the recording fake, so pages really leave):
/// PagerDuty Events v2 triggers on one hot dedup key and on 10,000 distinct keys (closed loop, N callers), p99 of the
/// answer at 1,000 alerts/s (open loop), and one Alertmanager notification of 1,000 alerts.
/// </summary>
public static class AlertLoad
{
    public const string RoutingKey = "bench-routing-key-0000000000000001";
    public const double TargetHotRate = 10_000;
    public const double TargetP99Ms = 20;

    public static async Task<int> RunAsync(BenchOptions options)
    {
        var quick = options.Quick;
        var seconds = quick ? 3 : 10;
        var distinct = quick ? 2_000 : 10_000;
        var callers = options.Concurrency == 16 ? 64 : options.Concurrency;
        Console.WriteLine("== alerts: PagerDuty Events v2 and Alertmanager webhooks against the real host on loopback; every 202/200 means committed ==");

        var directory = Path.Combine(Path.GetTempPath(), "secbot-bench", Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(directory);
        await using var slack = await SlackLoadPlatform.StartAsync(socketMode: false);
        string[] args =
        [
            "--urls", "http://127.0.0.1:0",
            $"--SecBot:Database:Path={Path.Combine(directory, "secbot.db")}",
            "--Logging:LogLevel:Default=Warning",
            $"--SecBot:Alerts:RoutingKeys:{RoutingKey}:Type=general",
            // The distinct-key runs open 10,000 incidents with one key in seconds: the per-key new-incident limit (100 a
            // minute by default) is lifted so the run measures intake, not the limiter.
            "--SecBot:Alerts:NewIncidents:PerKey=1000000",
            .. slack.HostArguments,
        ];
        var app = await SecBotApp.CreateAsync(args, Path.Combine(Harness.RepoRoot(), "appsettings.json"));
        await app.StartAsync();
        try
        {
            var address = new Uri(app.Services.GetRequiredService<IServer>().Features.GetRequiredFeature<IServerAddressesFeature>().Addresses.First());
            Console.WriteLine($"host: {address}; {slack.Describe()}; host and load driver share this process and the machine's {Environment.ProcessorCount} cores; {callers} callers");
            if (Environment.GetEnvironmentVariable("SECBOT_BENCH_HOLD") is { Length: > 0 } hold)
            {
                // For an outside load generator (wrk): the host stays up for that many seconds.
                Console.WriteLine($"holding the host at {address} for {hold} s (SECBOT_BENCH_HOLD)");
                var cpuBefore = BenchStats.CpuTime();
                await Task.Delay(TimeSpan.FromSeconds(int.Parse(hold, CultureInfo.InvariantCulture)), TimeProvider.System);
                var count = (await app.Services.GetRequiredService<IncidentRepository>().TimelineAsWrittenAsync(1, CancellationToken.None)).Count;
                Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                    $"host CPU while held: {(BenchStats.CpuTime() - cpuBefore).TotalSeconds:N2} s; INC-1 timeline rows: {count:N0}; load average {Machine.LoadAverage()}"));
                return 0;
            }

            using var http = LoopbackHttp.Client(address);
            var hotBody = Trigger("hot-key");
            await SendAsync(http, "/alerts/v2/enqueue", hotBody);
            await ClosedLoopAsync(http, _ => hotBody, callers, TimeSpan.FromSeconds(1), int.MaxValue);

            BenchStats.Collect();
            var hot = await ClosedLoopAsync(http, _ => hotBody, callers, TimeSpan.FromSeconds(seconds), int.MaxValue);
            Console.WriteLine(hot.Describe("hot key (one dedup key, open incident: every trigger is a counted repeat)"));

            BenchStats.Collect();
            var pacedHot = await OpenLoopAsync(http, _ => hotBody, 1_000, seconds);
            Console.WriteLine(pacedHot.Describe("1,000/s open loop, hot key"));

            BenchStats.Collect();
            var many = await ClosedLoopAsync(http, i => Trigger($"distinct-{i}"), callers, TimeSpan.FromMinutes(10), distinct);
            Console.WriteLine(many.Describe($"{distinct:N0} distinct keys (each trigger declares an incident and pages)"));
            // The pages and announcements of those incidents are delivered before the next run, so it does not share the CPU with them.
            await DrainAsync(app.Services.GetRequiredService<OutboxRepository>());
            BenchStats.Collect();
            var pacedNew = await OpenLoopAsync(http, i => Trigger($"paced-{i}"), 1_000, seconds);
            Console.WriteLine(pacedNew.Describe("1,000/s open loop, a new key each (a declare each)"));

            await DrainAsync(app.Services.GetRequiredService<OutboxRepository>());
            var notification = Notification(1_000);
            var first = await TimeOneAsync(http, notification);
            var repeat = await TimeOneAsync(http, notification);
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"Alertmanager notification of 1,000 firing alerts (one request, one transaction): {first:N0} ms for 1,000 new incidents; the same notification again (1,000 repeats): {repeat:N0} ms"));

            var incidents = await app.Services.GetRequiredService<IncidentRepository>().ListAllAsync(CancellationToken.None);
            Console.WriteLine($"incidents in the database: {incidents.Count:N0}; load average {Machine.LoadAverage()}");
            var ok = hot.Rate >= TargetHotRate && pacedHot.P99 < TargetP99Ms;
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"targets: hot key >= {TargetHotRate:N0}/s: {(hot.Rate >= TargetHotRate ? "met" : "MISSED")}; p99 < {TargetP99Ms} ms at 1,000/s (hot key): {(pacedHot.P99 < TargetP99Ms ? "met" : "MISSED")}"));
            return ok ? 0 : 1;
        }
        finally
        {
            await app.StopAsync();
            await app.DisposeAsync();
        }
    }

    private static async Task DrainAsync(OutboxRepository outbox)
    {
        var start = Stopwatch.GetTimestamp();
        while ((await outbox.CountAsync(CancellationToken.None)).Pending > 0 && Stopwatch.GetElapsedTime(start) < TimeSpan.FromMinutes(5))
            await Task.Delay(TimeSpan.FromMilliseconds(200), TimeProvider.System);
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"(outbox drained in {Stopwatch.GetElapsedTime(start).TotalSeconds:N1} s)"));
    }

    public sealed record Run(int Sent, int Errors, double Seconds, double[] LatenciesMs)
    {
        public double Rate => (Sent - Errors) / Seconds;
        public double P50 => BenchStats.Percentile(LatenciesMs, 0.5);
        public double P99 => BenchStats.Percentile(LatenciesMs, 0.99);

        /// <summary>CPU of the whole process (host and load driver) over the run: steadier than the rate on a shared machine.</summary>
        public double CpuSeconds { get; init; }

        public string Describe(string what) => string.Create(CultureInfo.InvariantCulture,
            $"{what}: {Rate:N0} alerts/s ({Sent:N0} in {Seconds:N1} s, {Errors} errors), p50 {P50:N2} ms, p99 {P99:N2} ms, "
            + $"{CpuSeconds * 1e6 / Math.Max(1, Sent):N0} µs CPU per alert (host + driver, all threads); load average {Machine.LoadAverage()}");
    }

    /// <summary><paramref name="callers"/> callers, each sending the next alert as soon as its last is answered, until the time or the count runs out.</summary>
    private static async Task<Run> ClosedLoopAsync(HttpClient http, Func<int, string> body, int callers, TimeSpan duration, int count)
    {
        var latencies = new System.Collections.Concurrent.ConcurrentBag<double>();
        var next = -1;
        var errors = 0;
        var cpu = BenchStats.CpuTime();
        var start = Stopwatch.GetTimestamp();
        await Task.WhenAll(Enumerable.Range(0, callers).Select(_ => Task.Run(async () =>
        {
            int index;
            while (Stopwatch.GetElapsedTime(start) < duration && (index = Interlocked.Increment(ref next)) < count)
            {
                var sent = Stopwatch.GetTimestamp();
                if (!await SendAsync(http, "/alerts/v2/enqueue", body(index))) Interlocked.Increment(ref errors);
                latencies.Add(Stopwatch.GetElapsedTime(sent).TotalMilliseconds);
            }
        })));
        var elapsed = Stopwatch.GetElapsedTime(start).TotalSeconds;
        return new Run(latencies.Count, errors, elapsed, [.. latencies]) { CpuSeconds = (BenchStats.CpuTime() - cpu).TotalSeconds };
    }

    /// <summary>Sends at <paramref name="rate"/>/s whatever the answers do; latency from the scheduled send time to the answer.</summary>
    private static async Task<Run> OpenLoopAsync(HttpClient http, Func<int, string> body, int rate, int seconds)
    {
        var total = rate * seconds;
        var latencies = new double[total];
        var errors = 0;
        var tasks = new Task[total];
        var cpu = BenchStats.CpuTime();
        var start = Stopwatch.GetTimestamp();
        for (var i = 0; i < total; i++)
        {
            var due = start + (long)(i * (double)Stopwatch.Frequency / rate);
            // No spinning (it would take a core from the host on a 2-core machine): sleep until due; the latency is
            // counted from the due time, so a late wake-up shows in the figures rather than hiding.
            var wait = (due - Stopwatch.GetTimestamp()) * 1000.0 / Stopwatch.Frequency;
            if (wait >= 1) await Task.Delay(TimeSpan.FromMilliseconds(wait), TimeProvider.System);

            var index = i;
            tasks[i] = Task.Run(async () =>
            {
                if (!await SendAsync(http, "/alerts/v2/enqueue", body(index))) Interlocked.Increment(ref errors);
                latencies[index] = (Stopwatch.GetTimestamp() - due) * 1000.0 / Stopwatch.Frequency;
            });
        }

        await Task.WhenAll(tasks);
        return new Run(total, errors, Stopwatch.GetElapsedTime(start).TotalSeconds, latencies) { CpuSeconds = (BenchStats.CpuTime() - cpu).TotalSeconds };
    }

    private static async Task<double> TimeOneAsync(HttpClient http, string notification)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, new Uri("/alerts/alertmanager", UriKind.Relative))
        {
            Content = new StringContent(notification, Encoding.UTF8, "application/json"),
        };
        request.Headers.Authorization = new System.Net.Http.Headers.AuthenticationHeaderValue("Bearer", RoutingKey);
        var start = Stopwatch.GetTimestamp();
        using var response = await http.SendAsync(request);
        if (response.StatusCode != HttpStatusCode.OK) throw new InvalidOperationException($"the notification was answered {(int)response.StatusCode}: {await response.Content.ReadAsStringAsync()}");
        return Stopwatch.GetElapsedTime(start).TotalMilliseconds;
    }

    private static async Task<bool> SendAsync(HttpClient http, string path, string body)
    {
        using var content = new StringContent(body, Encoding.UTF8, "application/json");
        using var response = await http.PostAsync(new Uri(path, UriKind.Relative), content);
        return response.StatusCode == HttpStatusCode.Accepted;
    }

    public static string Trigger(string dedupKey) =>
        new JsonObject
        {
            ["routing_key"] = RoutingKey,
            ["event_action"] = "trigger",
            ["dedup_key"] = dedupKey,
            ["payload"] = new JsonObject { ["summary"] = $"Disk full on {dedupKey}", ["source"] = "db1.prod", ["severity"] = "warning" },
            ["client"] = "bench",
            ["client_url"] = "https://monitoring.example/db1",
        }.ToJsonString();

    private static string Notification(int alerts) =>
        new JsonObject
        {
            ["version"] = "4",
            ["groupKey"] = "{}:{alertname=\"DiskFull\"}",
            ["status"] = "firing",
            ["receiver"] = "secbot",
            ["externalURL"] = "http://alertmanager.example:9093",
            ["alerts"] = new JsonArray([.. Enumerable.Range(0, alerts).Select(i => (JsonNode)new JsonObject
            {
                ["status"] = "firing",
                ["labels"] = new JsonObject { ["alertname"] = "DiskFull", ["instance"] = $"db{i}:9100" },
                ["annotations"] = new JsonObject { ["summary"] = $"Disk full on db{i}" },
                ["startsAt"] = "2026-12-05T01:00:00Z",
                ["generatorURL"] = "http://prometheus.example:9090/graph",
                ["fingerprint"] = $"am-{i:x8}",
            })]),
        }.ToJsonString();
}
