using System.Diagnostics;
using System.Text.Json;
using System.Text.Json.Nodes;
using Dapper;
using Microsoft.Extensions.Logging.Abstractions;
using Npgsql;
using SecBot.Domain.Incidents;
using SecBot.Host.Tests.Replicas;
using SecBot.Storage;
using SecBot.Storage.Database;
using SecBot.Storage.Incidents;
using SecBot.Storage.Tests.Support;

namespace SecBot.Bench;

/// <summary>
/// SecBot host processes on one database (a SQLite file, or a fresh database on the PostgreSQL server) behind a fresh
/// <see cref="RecordingSlack"/>, started at the same moment, plus a store of the bench's own on that database for reading
/// what they committed.
/// </summary>
internal sealed class BenchCluster : IAsyncDisposable
{
    private readonly DirectoryInfo _dir;
    private readonly RecordingSlack _slack;
    private readonly StoreDatabase _database;
    private readonly string? _postgres;

    private BenchCluster(DirectoryInfo dir, RecordingSlack slack, StoreDatabase database, IStore store, string? postgres, IReadOnlyList<ReplicaProcess> replicas)
    {
        _dir = dir;
        _slack = slack;
        _database = database;
        Store = store;
        _postgres = postgres;
        Replicas = replicas;
        Transports = [.. replicas.Select(replica => new HttpCommandTransport(replica.Http.BaseAddress!))];
    }

    public IStore Store { get; }

    public IReadOnlyList<ReplicaProcess> Replicas { get; }

    /// <summary>One signed-slash-command sender per replica, in the order of <see cref="Replicas"/>.</summary>
    public IReadOnlyList<HttpCommandTransport> Transports { get; }

    public static async Task<BenchCluster> StartAsync(PostgresServer postgres, DatabaseProvider provider, int count, Action<JsonNode> editPolicy)
    {
        var dir = Directory.CreateTempSubdirectory("secbot-bench-replicas-");
        var slack = await RecordingSlack.StartAsync();
        var policy = JsonNode.Parse(await File.ReadAllTextAsync(Path.Combine(Harness.RepoRoot(), "appsettings.json")))!;
        editPolicy(policy);
        var settingsFile = Path.Combine(dir.FullName, "settings.json");
        await File.WriteAllTextAsync(settingsFile, policy.ToJsonString(new JsonSerializerOptions { WriteIndented = true }));
        var connectionString = provider == DatabaseProvider.Postgres ? await postgres.CreateDatabaseAsync($"bench_{Guid.NewGuid():N}") : null;
        var options = new DatabaseOptions { Provider = provider, Path = Path.Combine(dir.FullName, "secbot.db"), ConnectionString = connectionString };
        var environment = new Dictionary<string, string>
        {
            ["SECBOT_SETTINGS"] = settingsFile,
            ["Logging__LogLevel__Default"] = "Warning",
            ["SecBot__Database__Provider"] = provider.ToString(),
            ["SecBot__Database__Path"] = options.Path,
            // The benchmark's declares all come from one person: the declare limit and storm control are lifted.
            ["SecBot__Limits__Declares__PerPerson"] = "1000000",
            ["SecBot__Delivery__PageStorm__Pages"] = "1000000",
        };
        if (connectionString is not null) environment["SecBot__Database__ConnectionString"] = connectionString;
        foreach (var argument in new SlackPlatformArguments(slack).All)
        {
            var (key, value) = (argument[2..argument.IndexOf('=', StringComparison.Ordinal)], argument[(argument.IndexOf('=', StringComparison.Ordinal) + 1)..]);
            environment[key.Replace(":", "__", StringComparison.Ordinal)] = value;
        }

        var replicas = await Task.WhenAll(Enumerable.Range(0, count).Select(index => ReplicaProcess.StartAsync($"replica-{index}", environment)));
        StoreDatabase database = provider == DatabaseProvider.Postgres
            ? new PostgresDatabase(options, NullLogger<PostgresDatabase>.Instance)
            : new SqliteDatabase(options, NullLogger<SqliteDatabase>.Instance);
        IStore store = database switch
        {
            PostgresDatabase pg => new PostgresStore(pg, TimeProvider.System, NullLogger<PostgresStore>.Instance),
            SqliteDatabase sqlite => new SqliteStore(sqlite, TimeProvider.System, NullLogger<SqliteStore>.Instance),
            _ => throw new InvalidOperationException("unknown provider"),
        };
        return new BenchCluster(dir, slack, database, store, connectionString, replicas);
    }

    /// <summary>Waits until pages naming <paramref name="incidents"/> distinct incidents have arrived; how long it took.</summary>
    public async Task<TimeSpan> WaitForPagesAsync(int incidents, TimeSpan timeout)
    {
        var waited = Stopwatch.StartNew();
        while (_slack.Posts.Where(post => post.Incident is not null && post.Channel.StartsWith('D')).Select(post => post.Incident).Distinct().Count() < incidents)
        {
            if (waited.Elapsed > timeout) throw new TimeoutException($"pages for only some of {incidents} incidents arrived in {timeout}");
            await Task.Delay(TimeSpan.FromMilliseconds(100), TimeProvider.System);
        }
        return waited.Elapsed;
    }

    /// <summary>For each incident declared with a sequence in [<paramref name="first"/>, <paramref name="next"/>): its first page's arrival minus its created_at (ms).</summary>
    public async Task<double[]> CommitToPageMsAsync(long first, long next)
    {
        var created = (await Store.ReadAsync(
                c => c.QueryAsync<(long Number, long CreatedAt)>(
                    "SELECT id, created_at FROM incidents WHERE title >= @First AND title < @Next", new { First = Declares.TitleOf(first), Next = Declares.TitleOf(next) }),
                CancellationToken.None))
            .ToDictionary(row => row.Number, row => row.CreatedAt);
        var firstPage = new Dictionary<long, double>();
        foreach (var post in _slack.Posts.Where(post => post.Incident is not null && post.Channel.StartsWith('D')))
        {
            if (!firstPage.TryGetValue(post.Incident!.Value, out var at) || post.ArrivedUnixMs < at) firstPage[post.Incident.Value] = post.ArrivedUnixMs;
        }
        return [.. created.Where(pair => firstPage.ContainsKey(pair.Key)).Select(pair => firstPage[pair.Key] - pair.Value)];
    }

    /// <summary>Every open incident with its pages, once each has been re-paged (its first ack timeout fired).</summary>
    public async Task<IReadOnlyList<Incident>> WaitForRepagesAsync(TimeSpan timeout)
    {
        var waited = Stopwatch.StartNew();
        while (true)
        {
            var incidents = await Store.ReadAsync(c => new IncidentRepository(Store).ListOpenAsync(c, CancellationToken.None), CancellationToken.None);
            if (incidents.All(incident => incident.Pages.Any(page => page.Attempt == 2)) || waited.Elapsed > timeout) return incidents;
            await Task.Delay(TimeSpan.FromMilliseconds(250), TimeProvider.System);
        }
    }

    /// <summary>Pending outbox messages whose claimant matches <paramref name="claimantPattern"/> (a LIKE pattern).</summary>
    public async Task<long> ClaimedByAsync(string claimantPattern)
    {
        await using var connection = new NpgsqlConnection(_postgres);
        await connection.OpenAsync();
        return await connection.ExecuteScalarAsync<long>("SELECT count(*) FROM outbox WHERE state = 'pending' AND claimed_by LIKE @Pattern", new { Pattern = claimantPattern });
    }

    /// <summary>CPU seconds the host processes have used so far (the live ones).</summary>
    public double CpuSeconds() => Replicas.Where(replica => !replica.HasExited).Sum(replica => replica.CpuTime.TotalSeconds);

    public async ValueTask DisposeAsync()
    {
        foreach (var transport in Transports) transport.Dispose();
        foreach (var replica in Replicas) await replica.DisposeAsync();
        if (_database is IAsyncDisposable disposable) await disposable.DisposeAsync();
        await _slack.DisposeAsync();
        try { _dir.Delete(recursive: true); }
        catch (IOException) { /* a pooled SQLite handle may linger; the temp cleaner gets it */ }
    }

    /// <summary>The Slack settings of <see cref="SlackLoadPlatform"/>, without a platform instance.</summary>
    private sealed class SlackPlatformArguments(RecordingSlack slack)
    {
        public IReadOnlyList<string> All =>
        [
            $"--SecBot:Slack:SigningSecret={SlackLoadPlatform.SigningSecret}",
            "--SecBot:Slack:BotToken=xoxb-bench",
            $"--SecBot:Slack:ApiBaseUrl={slack.ApiBase}",
            $"--SecBot:Slack:IncidentsChannel={SlackLoadPlatform.IncidentsChannel}",
        ];
    }
}
