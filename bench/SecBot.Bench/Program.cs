using System.Diagnostics;
using System.Globalization;
using SecBot.Bench;

// One verb per benchmark. Add a verb by adding a row here (and a section in bench/README.md).
//   dotnet run -c Release --project bench/SecBot.Bench -- <verb> [options]
var verbs = new Dictionary<string, (string Help, Func<BenchOptions, Task<int>> Run)>(StringComparer.OrdinalIgnoreCase)
{
    ["declare"] = ("durable declares/s (IncidentCommands.DeclareAsync on a SQLite file) vs a bare Microsoft.Data.Sqlite loop writing the same rows; ratio", DeclareThroughput.RunAsync),
    ["clock"] = ("TimerClock tick with 10,000 pending timers (BenchmarkDotNet, in-process)", ClockTickRunner.RunAsync),
    ["profile"] = ("where a declare's time goes: the same loop cut into stages (open+BEGIN+COMMIT, reads, engine, writes)", DeclareProfile.RunAsync),
    ["signoffs"] = ("sign-offs/s over many detection-rules gates (ReviewCommands.ApproveAsync), serial and 16 concurrent; LedgerVerifier over 100,000 records", SignOffThroughput.RunAsync),
    ["chat-load"] = ("the real host on loopback: declares as signed /slack/command forms, Socket Mode envelopes or Teams activities with Bot Framework tokens (--transport http|socket|teams|both|all|http,teams) at a constant rate (p50/p99), max sustained rate, commit -> page delivered", ChatLoad.RunAsync),
    ["slack-load"] = ("the former name of chat-load, kept working", ChatLoad.RunAsync),
    ["replicas"] = ("hosts as OS processes behind the fake Slack: declares/s and commit -> page on SQLite, PostgreSQL x1 and PostgreSQL x3 (--count, --concurrency), then failover: one of 3 replicas SIGKILLed while escalations come due", ReplicaLoad.RunAsync),
    ["alerts"] = ("alert intake against the real host: PagerDuty triggers/s on one hot dedup key and on 10,000 distinct keys, p99 at 1,000 alerts/s, one Alertmanager notification of 1,000 alerts", AlertLoad.RunAsync),
    ["console-board"] = ("the web console's board against the real host with 1,000 open incidents and 1,000 open gates (--count): GET /board p50/p99, commit -> /board/stream event received", ConsoleBoardLoad.RunAsync),
    ["all"] = ("declare, then clock", async options => await DeclareThroughput.RunAsync(options) | await ClockTickRunner.RunAsync(options)),
};

string? problem = null;
if (args.Length == 0 || !verbs.TryGetValue(args[0], out var verb) || !BenchOptions.TryParse(args.AsSpan(1), out var options, out problem))
{
    Console.Error.WriteLine(args.Length == 0 ? "no verb" : problem ?? $"unknown verb '{args[0]}'");
    Console.Error.WriteLine("usage: dotnet run -c Release --project bench/SecBot.Bench -- <verb> [--count N] [--rounds R] [--warmup W] [--transport http|socket|teams|both|all] [--quick]");
    foreach (var (name, (help, _)) in verbs) Console.Error.WriteLine($"  {name,-8} {help}");
    Console.Error.WriteLine(BenchOptions.Help);
    return 2;
}

var total = Stopwatch.StartNew();
Console.WriteLine(Machine.Describe(args[0]));
var exit = await verb.Run(options);
Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"total run time {total.Elapsed.TotalSeconds:N0} s"));
return exit;
