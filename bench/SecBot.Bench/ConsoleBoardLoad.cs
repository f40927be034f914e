using System.Diagnostics;
using System.Globalization;
using System.Net.ServerSentEvents;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http.Features;
using SecBot.Chat.Conversation;
using SecBot.Chat.Incidents;
using SecBot.Chat.Reviews;
using SecBot.Host;
using SecBot.Host.ConsolePlatform;
using SecBot.Host.WebConsole;
using SecBot.Storage.Delivery;
using RosterModel = SecBot.Domain.Roster.Roster;

namespace SecBot.Bench;

/// <summary>
/// The web console's board against the real host on loopback (console only, SQLite file) holding 1,000 open incidents
/// and 1,000 open review gates: <c>GET /board</c> latency (p50/p99, sequential), and how long after a commit a client of
/// <c>GET /board/stream</c> receives the board that shows it.
/// </summary>
public static class ConsoleBoardLoad
{
    public static async Task<int> RunAsync(BenchOptions options)
    {
        var open = options.Count ?? (options.Quick ? 100 : 1_000);
        var loads = options.Quick ? 50 : 300;
        var commits = options.Quick ? 10 : 50;
        Console.WriteLine($"== console-board: GET /board and /board/stream against the real host on loopback with {open:N0} open incidents and {open:N0} open gates ==");

        var directory = Path.Combine(Path.GetTempPath(), "secbot-bench", Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(directory);
        string[] args =
        [
            "--urls", "http://127.0.0.1:0",
            $"--SecBot:Database:Path={Path.Combine(directory, "secbot.db")}",
            "--Logging:LogLevel:Default=Warning",
            // One person declares them all: the per-person declare limit and page-storm control are lifted.
            "--SecBot:Limits:Declares:PerPerson=1000000",
            "--SecBot:Delivery:PageStorm:Pages=1000000",
        ];
        var app = await SecBotApp.CreateAsync(args, Path.Combine(Harness.RepoRoot(), "appsettings.json"));
        await app.StartAsync();
        try
        {
            var address = new Uri(app.Services.GetRequiredService<IServer>().Features.GetRequiredFeature<IServerAddressesFeature>().Addresses.First());
            var seeding = Stopwatch.StartNew();
            await SeedAsync(app.Services, open);
            await DrainAsync(app.Services.GetRequiredService<OutboxRepository>());
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"host: {address}; seeded {open:N0} incidents and {open:N0} gates in {seeding.Elapsed.TotalSeconds:N1} s; host and driver share this process and the machine's {Environment.ProcessorCount} cores; load average {Machine.LoadAverage()}"));

            if (Environment.GetEnvironmentVariable("SECBOT_BENCH_HOLD") is { Length: > 0 } hold)
            {
                // To look at the seeded board in a browser: the host stays up for that many seconds.
                Console.WriteLine($"holding the host at {address}board for {hold} s (SECBOT_BENCH_HOLD)");
                await Task.Delay(TimeSpan.FromSeconds(int.Parse(hold, CultureInfo.InvariantCulture)), TimeProvider.System);
                return 0;
            }

            using var http = LoopbackHttp.Client(address);
            var size = 0L;
            for (var i = 0; i < 10; i++) size = (await http.GetByteArrayAsync(new Uri("/board", UriKind.Relative))).LongLength;
            BenchStats.Collect();
            var latencies = new double[loads];
            var cpu = BenchStats.CpuTime();
            for (var i = 0; i < loads; i++)
            {
                var start = Stopwatch.GetTimestamp();
                using var response = await http.GetAsync(new Uri("/board", UriKind.Relative), HttpCompletionOption.ResponseContentRead);
                response.EnsureSuccessStatusCode();
                latencies[i] = Stopwatch.GetElapsedTime(start).TotalMilliseconds;
            }

            Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"GET /board x {loads} (sequential, whole body read): p50 {BenchStats.Percentile(latencies, 0.5):N1} ms, p99 {BenchStats.Percentile(latencies, 0.99):N1} ms, max {latencies.Max():N1} ms; "
                + $"{size / 1024.0:N0} KiB a page; {(BenchStats.CpuTime() - cpu).TotalMilliseconds / loads:N1} ms CPU a load (host + driver); load average {Machine.LoadAverage()}"));

            var delivery = await StreamLatencyAsync(app.Services, http, commits);
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"commit -> board event received x {commits} (a declare each, 1 s apart, one stream client): p50 {BenchStats.Percentile(delivery, 0.5):N1} ms, p99 {BenchStats.Percentile(delivery, 0.99):N1} ms, max {delivery.Max():N1} ms; load average {Machine.LoadAverage()}"));
            return 0;
        }
        finally
        {
            await app.StopAsync();
            await app.DisposeAsync();
        }
    }

    /// <summary><paramref name="count"/> declares and <paramref name="count"/> gate openings through the host's own chat layer, 16 at a time.</summary>
    private static async Task SeedAsync(IServiceProvider services, int count)
    {
        var incidents = services.GetRequiredService<IncidentCommands>();
        var reviews = services.GetRequiredService<ReviewCommands>();
        var roster = services.GetRequiredService<RosterModel>();
        var declarer = roster.PersonById(Harness.Declarer)!;
        var requester = roster.People.First(p => roster.IsManager(p.Id, TimeProvider.System.GetUtcNow()));
        await Parallel.ForAsync(0, count, new ParallelOptions { MaxDegreeOfParallelism = 16 }, async (i, ct) =>
        {
            var declared = await incidents.DeclareAsync(declarer, $"Bench incident {i}", null, null, ChatPlace.Direct(), ct);
            if (declared.IsRefusal) throw new InvalidOperationException($"declare refused: {declared.Text}");
            var opened = await reviews.OpenAsync(requester, "detection-rules", $"Bench gate {i}", ConsoleMessageSender.PlatformName, ct);
            if (opened.IsRefusal) throw new InvalidOperationException($"gate refused: {opened.Text}");
        });
    }

    /// <summary>
    /// One client on the stream; each round commits a declare and times from the commit's answer to the first event that
    /// shows the new incident. Rounds are a second apart, beyond the stream's push gap, so each measures one push.
    /// </summary>
    private static async Task<double[]> StreamLatencyAsync(IServiceProvider services, HttpClient http, int commits)
    {
        var incidents = services.GetRequiredService<IncidentCommands>();
        var declarer = services.GetRequiredService<RosterModel>().PersonById(Harness.Declarer)!;
        using var stop = new CancellationTokenSource(TimeSpan.FromMinutes(10));
        using var response = await http.GetAsync(new Uri("/board/stream", UriKind.Relative), HttpCompletionOption.ResponseHeadersRead, stop.Token);
        await using var body = await response.Content.ReadAsStreamAsync(stop.Token);
        await using var events = SseParser.Create(body).EnumerateAsync(stop.Token).GetAsyncEnumerator(stop.Token);
        if (!await events.MoveNextAsync()) throw new InvalidOperationException("the stream ended before its first board");

        var latencies = new double[commits];
        for (var i = 0; i < commits; i++)
        {
            await Task.Delay(TimeSpan.FromSeconds(1), TimeProvider.System);
            var title = $"Stream probe {i} {Guid.NewGuid():N}";
            var declared = await incidents.DeclareAsync(declarer, title, null, null, ChatPlace.Direct(), stop.Token);
            var committed = Stopwatch.GetTimestamp();
            if (declared.IsRefusal) throw new InvalidOperationException($"declare refused: {declared.Text}");
            do
            {
                if (!await events.MoveNextAsync()) throw new InvalidOperationException("the stream ended");
            }
            while (events.Current.EventType != BoardStream.EventType || !events.Current.Data.Contains(title, StringComparison.Ordinal));

            latencies[i] = Stopwatch.GetElapsedTime(committed).TotalMilliseconds;
        }

        return latencies;
    }

    private static async Task DrainAsync(OutboxRepository outbox)
    {
        var start = Stopwatch.GetTimestamp();
        while ((await outbox.CountAsync(CancellationToken.None)).Pending > 0 && Stopwatch.GetElapsedTime(start) < TimeSpan.FromMinutes(5))
            await Task.Delay(TimeSpan.FromMilliseconds(200), TimeProvider.System);
    }
}
