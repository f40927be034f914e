using System.Diagnostics;
using System.Globalization;
using Microsoft.Data.Sqlite;
using SecBot.Chat.Conversation;
using SecBot.Chat.Reviews;
using SecBot.Domain.Incidents;
using SecBot.Domain.Reviews;
using SecBot.Domain.Roster;
using SecBot.Storage.Ledger;
using SecBot.Storage.Reviews;

namespace SecBot.Bench;

/// <summary>
/// Sign-offs per second across many open gates (ReviewCommands.ApproveAsync: one write transaction each, with
/// GateRepository.SaveAsync's ledger hashing and the outbox rows), serial and with concurrent signers on different
/// gates; then the time LedgerVerifier.VerifyAsync takes over a ledger of 100,000 records.
/// </summary>
public static class SignOffThroughput
{
    public const double TargetSignOffsPerSecond = 2_000;
    public static readonly TimeSpan TargetVerify = TimeSpan.FromSeconds(2);

    /// <summary>detection-rules: one stage, RedTeam and SOC required (SecArch, IRLead optional): two sign-offs approve it.</summary>
    public const string GateType = "detection-rules";
    public const string Requester = "diego"; // CloudSecurityEngineer: holds no seat, so never a signer of his own gate
    private static readonly string[] RedTeam = ["leo", "hannah"];
    private static readonly string[] Soc = ["sam", "maya"];
    private const int SignOffsPerGate = 2;
    private const int Concurrency = 16;
    private const int LedgerRecords = 100_000;
    private const int BulkBatch = 500;

    public static async Task<int> RunAsync(BenchOptions options)
    {
        var gates = options.Count ?? (options.Quick ? 400 : 2_000);
        var ledgerSize = options.Quick ? 10_000 : LedgerRecords;
        var verifyRuns = options.Quick ? 1 : Math.Max(options.Rounds, 5);
        Console.WriteLine($"== signoffs: ReviewCommands.ApproveAsync on {GateType} gates, serial and {Concurrency} concurrent signers; LedgerVerifier over {ledgerSize:N0} records ==");

        await using var harness = await Harness.CreateAsync();
        var (journal, synchronous) = await harness.ConnectionModesAsync();
        Console.WriteLine($"store connection: journal_mode={journal}, synchronous={synchronous}; file in {Path.GetTempPath()}");
        var reviews = new Reviews(harness);

        // Warm-up on its own gates (discarded from the rates): JIT the open and approve paths.
        var warm = Math.Min(200, gates);
        var warmFirst = await reviews.OpenGatesAsync(warm);
        await reviews.SignSerialAsync(warmFirst, warm);
        await Task.Delay(TimeSpan.FromSeconds(1), TimeProvider.System);

        // Two sets of gates: one for the serial run, one for the concurrent run.
        var opened = Stopwatch.StartNew();
        var serialFirst = await reviews.OpenGatesAsync(gates);
        var concurrentFirst = await reviews.OpenGatesAsync(gates);
        opened.Stop();
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"opened {2 * gates:N0} gates through ReviewCommands.OpenAsync, serially: {2 * gates / opened.Elapsed.TotalSeconds:N0} gates/s"));

        var serial = await reviews.SignSerialAsync(serialFirst, gates);
        Console.WriteLine(serial.Describe("serial, 1 signer"));
        var concurrent = await reviews.SignConcurrentAsync(concurrentFirst, gates, Concurrency);
        Console.WriteLine(concurrent.Describe($"{Concurrency} concurrent signers"));

        var approved = await harness.ScalarAsync("SELECT count(*) FROM gates WHERE state = 'approved'");
        var records = await harness.ScalarAsync("SELECT count(*) FROM signoffs");
        var outbox = await harness.ScalarAsync("SELECT count(*) FROM outbox");
        Console.WriteLine($"after the runs: {approved:N0} gates approved of {2 * gates + warm:N0}, {records:N0} ledger records ({(double)records / approved:N1} per gate), {outbox:N0} outbox rows ({(double)outbox / approved:N1} per gate)");
        var kinds = await harness.Store.ReadAsync(c => Dapper.SqlMapper.QueryAsync<(string Kind, string Decision, long N)>(c, "SELECT kind, decision, count(*) FROM signoffs GROUP BY kind, decision"), CancellationToken.None);
        Console.WriteLine("ledger records by kind/decision: " + string.Join(", ", kinds.Select(k => $"{k.Kind}/{k.Decision} {k.N:N0}")));
        var recordsPerGate = (int)Math.Max(1, records / approved);
        if (approved != 2 * gates + warm) throw new InvalidOperationException("not every gate was approved: a sign-off was refused or lost");

        // The ledger of 100,000: top up the real ledger with more gates, opened and signed in bulk through
        // ReviewGateEngine + GateRepository.SaveAsync (the repository's ledger append: LedgerWriter hashing and
        // chaining each record), BulkBatch decisions per write transaction, no outbox rows.
        var build = Stopwatch.StartNew();
        var added = await reviews.BulkLedgerAsync(ledgerSize - (int)records, recordsPerGate);
        build.Stop();
        records = await harness.ScalarAsync("SELECT count(*) FROM signoffs");
        var fileMb = await harness.ScalarAsync("SELECT page_count * page_size FROM pragma_page_count(), pragma_page_size()") / 1e6;
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"ledger: {records:N0} records ({added:N0} appended in bulk, {BulkBatch} gate decisions per transaction, {added / build.Elapsed.TotalSeconds:N0} records/s); database file {fileMb:N1} MB"));

        var times = new List<double>();
        for (var run = 1; run <= verifyRuns; run++)
        {
            var (elapsed, result) = await VerifyOnceAsync(harness);
            if (result.Fault is not null || result.RecordsVerified != records) throw new InvalidOperationException($"ledger did not verify: {result.RecordsVerified} verified, fault {result.Fault}");
            times.Add(elapsed.TotalMilliseconds);
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"verify {run}: {result.RecordsVerified:N0} records intact in {elapsed.TotalMilliseconds:N0} ms   load {Machine.LoadAverage()}"));
        }

        var verifyMedian = BenchStats.Median(times);
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"verify median of {verifyRuns}: {verifyMedian:N0} ms for {records:N0} records ({records / (verifyMedian / 1000):N0} records/s)"));
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"target >= {TargetSignOffsPerSecond:N0} sign-offs/s: serial {serial.PerSecond:N0}/s {(serial.PerSecond >= TargetSignOffsPerSecond ? "MET" : "MISSED")}, "
            + $"concurrent {concurrent.PerSecond:N0}/s {(concurrent.PerSecond >= TargetSignOffsPerSecond ? "MET" : "MISSED")};  "
            + $"target verify {ledgerSize:N0} < {TargetVerify.TotalSeconds:N0} s: {verifyMedian:N0} ms {(verifyMedian < TargetVerify.TotalMilliseconds ? "MET" : "MISSED")}"));
        return 0;
    }

    /// <summary>LedgerVerifier.VerifyAsync as the <c>ledger verify</c> path calls it: one read connection, one pass.</summary>
    private static async Task<(TimeSpan Elapsed, LedgerVerification Result)> VerifyOnceAsync(Harness harness)
    {
        var start = Stopwatch.GetTimestamp();
        var result = await harness.Store.ReadAsync(connection => LedgerVerifier.VerifyAsync(connection, CancellationToken.None), CancellationToken.None);
        return (Stopwatch.GetElapsedTime(start), result);
    }

    private sealed record SignRun(int SignOffs, TimeSpan Elapsed, double[] LatenciesMs, TimeSpan Cpu)
    {
        public double PerSecond => SignOffs / Elapsed.TotalSeconds;

        public string Describe(string label) => string.Create(CultureInfo.InvariantCulture,
            $"{label,-26}: {SignOffs:N0} sign-offs in {Elapsed.TotalSeconds:N2} s = {PerSecond,6:N0} sign-offs/s (cpu {Cpu.TotalMicroseconds / SignOffs:N0} µs each, "
            + $"p50 {BenchStats.Percentile(LatenciesMs, 0.50):N3} ms, p99 {BenchStats.Percentile(LatenciesMs, 0.99):N2} ms, max {LatenciesMs.Max():N1} ms)   load {Machine.LoadAverage()}");
    }

    /// <summary>The review objects ChatRegistration composes, over the harness's store and roster.</summary>
    private sealed class Reviews
    {
        private readonly Harness _harness;
        private readonly ReviewGateEngine _engine;
        private readonly ReviewCommands _commands;
        private readonly Person _requester;
        private readonly Person[] _redTeam;
        private readonly Person[] _soc;
        private int _titles;

        public Reviews(Harness harness)
        {
            _harness = harness;
            var policy = new ReviewPolicy(harness.Policy.Reviews);
            _engine = new ReviewGateEngine(policy, harness.Roster);
            _commands = harness.Reviews;
            _requester = Person(Requester);
            _redTeam = [.. RedTeam.Select(Person)];
            _soc = [.. Soc.Select(Person)];
        }

        private Person Person(string id) => _harness.Roster.PersonById(id) ?? throw new InvalidOperationException($"appsettings.json has no person '{id}'");

        private string Title() => $"Detection rule pack {Interlocked.Increment(ref _titles)} for vpn-gw";

        /// <summary>Opens <paramref name="count"/> gates (ReviewCommands.OpenAsync); returns the first one's number.</summary>
        public async Task<long> OpenGatesAsync(int count)
        {
            long first = 0;
            for (var i = 0; i < count; i++)
            {
                var reply = await _commands.OpenAsync(_requester, GateType, Title(), "slack", CancellationToken.None);
                if (reply.IsRefusal) throw new InvalidOperationException($"open was refused: {reply.Text}");
                var key = reply.Text[..reply.Text.IndexOf(' ', StringComparison.Ordinal)];
                var number = long.Parse(key.AsSpan(key.IndexOf('-', StringComparison.Ordinal) + 1), CultureInfo.InvariantCulture);
                if (i == 0) first = number;
                else if (number != first + i) throw new InvalidOperationException($"gate numbers are not consecutive: {number} after {first}+{i - 1}");
            }

            return first;
        }

        /// <summary>The sign-off <paramref name="k"/> (0-based) of a run: gate first + k / 2, RedTeam then SOC, signers alternating.</summary>
        private Task<ChatReply> SignAsync(long first, int k)
        {
            var gate = first + k / SignOffsPerGate;
            var signer = k % SignOffsPerGate == 0 ? _redTeam[gate % _redTeam.Length] : _soc[gate % _soc.Length];
            return _commands.ApproveAsync(signer, new GateButtonValue(gate, null), "looks good", null, "slack", false, CancellationToken.None);
        }

        public async Task<SignRun> SignSerialAsync(long first, int gates)
        {
            var total = gates * SignOffsPerGate;
            var latencies = new double[total];
            BenchStats.Collect();
            var cpu = BenchStats.CpuTime();
            var start = Stopwatch.GetTimestamp();
            for (var k = 0; k < total; k++)
            {
                var before = Stopwatch.GetTimestamp();
                var reply = await SignAsync(first, k);
                latencies[k] = Stopwatch.GetElapsedTime(before).TotalMilliseconds;
                if (reply.IsRefusal) throw new InvalidOperationException($"sign-off {k} was refused: {reply.Text}");
            }

            return new SignRun(total, Stopwatch.GetElapsedTime(start), latencies, BenchStats.CpuTime() - cpu);
        }

        /// <summary>
        /// <paramref name="workers"/> signers at once, each on its own gates (worker w signs gates w, w + workers, ...,
        /// both seats of one gate before the next), so they never race on a gate; the store still serializes the writes.
        /// </summary>
        public async Task<SignRun> SignConcurrentAsync(long first, int gates, int workers)
        {
            var total = gates * SignOffsPerGate;
            var latencies = new double[total];
            BenchStats.Collect();
            var cpu = BenchStats.CpuTime();
            var start = Stopwatch.GetTimestamp();
            var tasks = Enumerable.Range(0, workers).Select(w => Task.Run(async () =>
            {
                for (var g = w; g < gates; g += workers)
                {
                    for (var seat = 0; seat < SignOffsPerGate; seat++)
                    {
                        var k = g * SignOffsPerGate + seat;
                        var before = Stopwatch.GetTimestamp();
                        var reply = await SignAsync(first, k);
                        latencies[k] = Stopwatch.GetElapsedTime(before).TotalMilliseconds;
                        if (reply.IsRefusal) throw new InvalidOperationException($"sign-off {k} was refused: {reply.Text}");
                    }
                }
            })).ToArray();
            await Task.WhenAll(tasks);
            return new SignRun(total, Stopwatch.GetElapsedTime(start), latencies, BenchStats.CpuTime() - cpu);
        }

        /// <summary>
        /// Appends at least <paramref name="records"/> ledger records: gates opened and signed by the engine, each decision
        /// saved with GateRepository.SaveAsync (so LedgerWriter numbers, chains and hashes every record), many per transaction.
        /// </summary>
        public async Task<int> BulkLedgerAsync(int records, int recordsPerGate)
        {
            var appended = 0;
            while (appended < records)
            {
                var gates = Math.Min(BulkBatch, (records - appended + recordsPerGate - 1) / recordsPerGate);
                appended += await _harness.Store.WriteAsync(
                    async transaction =>
                    {
                        var written = 0;
                        for (var i = 0; i < gates; i++)
                        {
                            var number = await _harness.GateRepository.NextNumberAsync(transaction);
                            var opened = _engine.Open(new OpenGate(GateType, Title(), _requester.Id, null, "slack"), number, transaction.Now);
                            var decision = opened.Value ?? throw new InvalidOperationException($"open was refused: {opened.Refusal}");
                            if (!await _harness.GateRepository.SaveAsync(transaction, null, decision)) throw new InvalidOperationException("gate save lost a race");
                            written += decision.Ledger.Count;
                            var gate = decision.Gate;
                            foreach (var signer in new[] { _redTeam[number % _redTeam.Length], _soc[number % _soc.Length] })
                            {
                                var approved = _engine.Approve(gate, signer.Id, null, "looks good", [], "slack", transaction.Now);
                                var next = approved.Value ?? throw new InvalidOperationException($"approve was refused: {approved.Refusal}");
                                if (!await _harness.GateRepository.SaveAsync(transaction, gate, next)) throw new InvalidOperationException("sign-off save lost a race");
                                written += next.Ledger.Count;
                                gate = next.Gate;
                            }
                        }

                        return written;
                    },
                    CancellationToken.None);
            }

            return appended;
        }
    }
}
