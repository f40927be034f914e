using System.Diagnostics;
using System.Globalization;
using Microsoft.Data.Sqlite;

namespace SecBot.Bench;

/// <summary>
/// Durable declares per second (IncidentCommands.DeclareAsync: engine + store, one write transaction each)
/// against the rate of a bare Microsoft.Data.Sqlite loop writing the same rows, one transaction per incident.
/// The two run alternately in this process, each on a fresh temp file.
/// </summary>
public static class DeclareThroughput
{
    public static async Task<int> RunAsync(int count, int rounds, int warmup)
    {
        Console.WriteLine("== declares: IncidentCommands.DeclareAsync vs a bare Microsoft.Data.Sqlite loop ==");
        var shape = await DeclareShape.ProbeAsync();
        await using (var probe = await Harness.CreateAsync())
        {
            var (journal, synchronous) = await probe.ConnectionModesAsync();
            Console.WriteLine($"store connection: journal_mode={journal}, synchronous={synchronous}, foreign_keys=ON, busy_timeout={(int)Storage.Database.SqliteDatabase.BusyTimeout.TotalMilliseconds} ms, pooled");
        }

        Console.WriteLine($"one declare writes: {shape.Describe()}");
        Console.WriteLine($"warm-up: {warmup} declares + {warmup} bare incidents (discarded); then {rounds} rounds of {count} each, alternating, fresh file per run");

        await DeclaresAsync(warmup);
        await BareAsync(shape, warmup);

        var declareRates = new List<double>();
        var bareRates = new List<double>();
        for (var round = 1; round <= rounds; round++)
        {
            var declares = await DeclaresAsync(count);
            var bare = await BareAsync(shape, count);
            declareRates.Add(declares);
            bareRates.Add(bare);
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"round {round}: declares {declares,8:N0}/s   bare {bare,8:N0}/s   ratio {declares / bare:P1}"));
        }

        var declareMedian = Median(declareRates);
        var bareMedian = Median(bareRates);
        var ratio = declareMedian / bareMedian;
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"median:  declares {declareMedian,8:N0}/s   bare {bareMedian,8:N0}/s   ratio {ratio:P1}"));
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"target >= 3,000 declares/s: {(declareMedian >= 3000 ? "MET" : "MISSED")};  target >= 50% of bare: {(ratio >= 0.5 ? "MET" : "MISSED")}"));
        return 0;
    }

    /// <summary>Runs <paramref name="count"/> sequential declares on a fresh file; returns declares per second.</summary>
    public static async Task<double> DeclaresAsync(int count)
    {
        await using var harness = await Harness.CreateAsync();
        var first = await harness.DeclareAsync(0);
        if (first.Card is null) throw new InvalidOperationException($"declare was refused: {first.Text}");

        Collect();
        var stopwatch = Stopwatch.StartNew();
        for (var i = 1; i <= count; i++)
        {
            await harness.DeclareAsync(i);
        }

        stopwatch.Stop();
        var incidents = await harness.ScalarAsync("SELECT count(*) FROM incidents");
        if (incidents != count + 1) throw new InvalidOperationException($"expected {count + 1} incidents, found {incidents}");
        return count / stopwatch.Elapsed.TotalSeconds;
    }

    /// <summary>The same rows with prepared Microsoft.Data.Sqlite commands on one open connection, one transaction per incident.</summary>
    public static async Task<double> BareAsync(DeclareShape shape, int count)
    {
        await using var harness = await Harness.CreateAsync();

        // The connection the store would use: same connection string, same per-connection pragmas, WAL.
        await using var connection = await harness.Database.OpenConnectionAsync(CancellationToken.None);
        using var writer = new BareWriter(connection, shape);
        writer.Write(1);

        Collect();
        var stopwatch = Stopwatch.StartNew();
        for (var n = 2; n <= count + 1; n++)
        {
            writer.Write(n);
        }

        stopwatch.Stop();
        var incidents = await harness.ScalarAsync("SELECT count(*) FROM incidents");
        if (incidents != count + 1) throw new InvalidOperationException($"expected {count + 1} bare incidents, found {incidents}");
        return count / stopwatch.Elapsed.TotalSeconds;
    }

    private static void Collect()
    {
        GC.Collect();
        GC.WaitForPendingFinalizers();
        GC.Collect();
    }

    private static double Median(List<double> values)
    {
        var sorted = values.Order().ToArray();
        return sorted.Length % 2 == 1 ? sorted[sorted.Length / 2] : (sorted[(sorted.Length / 2) - 1] + sorted[sorted.Length / 2]) / 2;
    }

    /// <summary>Inserts one incident's rows with commands prepared once and reused: the floor of what SQLite charges for them.</summary>
    private sealed class BareWriter : IDisposable
    {
        private readonly SqliteConnection _connection;
        private readonly List<(SqliteCommand Command, TemplateRow Row)> _inserts = [];

        public BareWriter(SqliteConnection connection, DeclareShape shape)
        {
            _connection = connection;
            foreach (var row in shape.Rows)
            {
                var command = connection.CreateCommand();
                command.CommandText = row.InsertSql;
                foreach (var (column, value) in row.Values)
                {
                    command.Parameters.AddWithValue("@" + column, value ?? DBNull.Value);
                }

                _inserts.Add((command, row));
            }
        }

        public void Write(long number)
        {
            using var transaction = _connection.BeginTransaction(deferred: false); // BEGIN IMMEDIATE, as the store
            foreach (var (command, row) in _inserts)
            {
                command.Transaction = transaction;
                if (row.KeyColumn is { } key) command.Parameters["@" + key].Value = row.KeyValue(number);
                if (command.ExecuteNonQuery() != 1) throw new InvalidOperationException($"insert into {row.Table} wrote nothing");
            }

            transaction.Commit();
        }

        public void Dispose()
        {
            foreach (var (command, _) in _inserts) command.Dispose();
        }
    }
}
