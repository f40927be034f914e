using System.Globalization;
using System.Text.Json.Nodes;
using Microsoft.Extensions.Logging.Abstractions;
using Npgsql;
using SecBot.Domain.Incidents;
using SecBot.Host.Tests.Slack;
using SecBot.Storage;
using SecBot.Storage.Database;
using SecBot.Storage.Incidents;
using SecBot.Storage.Tests.Support;
using SecBot.Testing.Slack;

namespace SecBot.Host.Tests.Replicas;

/// <summary>
/// Several SecBot replicas as OS processes on one fresh PostgreSQL database, behind one fake Slack on loopback (the
/// settings of <see cref="SlackHost"/>), with the shipped policy edited by the test. Each replica sends with its own
/// bot token, so a call the fake recorded says which replica made it. Reads go through the repositories over a store of
/// the test's own on the same database.
/// </summary>
internal sealed class ReplicaCluster : IAsyncDisposable
{
    public const string Declarer = "U0MAYA0001";

    private readonly TempDirectory _dir;
    private readonly PostgresDatabase _database;
    private readonly List<ReplicaProcess> _replicas;

    private ReplicaCluster(TempDirectory dir, FakeSlackServer slack, JsonNode policy, string connectionString, PostgresDatabase database, List<ReplicaProcess> replicas)
    {
        _dir = dir;
        Slack = slack;
        Policy = policy;
        ConnectionString = connectionString;
        _database = database;
        Store = new PostgresStore(database, TimeProvider.System, NullLogger<PostgresStore>.Instance);
        _replicas = replicas;
    }

    public FakeSlackServer Slack { get; }

    /// <summary>The policy file every replica runs with, as JSON.</summary>
    public JsonNode Policy { get; }

    public string ConnectionString { get; }

    public IStore Store { get; }

    public IReadOnlyList<ReplicaProcess> Replicas => _replicas;

    /// <summary>The bot token replica <paramref name="index"/> sends with: the Authorization of every call it made.</summary>
    public static string BotTokenOf(int index) => $"xoxb-replica-{index}";

    /// <summary>
    /// A new database on <paramref name="server"/>, the fake Slack, and <paramref name="count"/> replicas started at the
    /// same moment on the empty database (each migrates it if it is first).
    /// </summary>
    public static async Task<ReplicaCluster> StartAsync(PostgresServer server, int count, Action<JsonNode> editPolicy, params (string Key, string Value)[] settings)
    {
        var dir = new TempDirectory();
        var slack = await FakeSlackServer.StartAsync();
        slack.DirectChannelPerUser = true;
        var connectionString = await server.CreateDatabaseAsync($"replicas_{Guid.NewGuid():N}");
        var settingsFile = PolicyFile.WriteCopy(dir, editPolicy);
        var policy = JsonNode.Parse(await File.ReadAllTextAsync(settingsFile))!;
        var database = new PostgresDatabase(new DatabaseOptions { Provider = DatabaseProvider.Postgres, ConnectionString = connectionString }, NullLogger<PostgresDatabase>.Instance);
        var started = await Task.WhenAll(Enumerable.Range(0, count).Select(async index =>
        {
            try
            {
                return (Replica: await ReplicaProcess.StartAsync($"replica-{index}", Environment(index, settingsFile, connectionString, slack, settings)), Failure: (Exception?)null);
            }
            catch (Exception e) when (e is InvalidOperationException or TimeoutException)
            {
                return (Replica: (ReplicaProcess?)null, Failure: e);
            }
        }));
        var cluster = new ReplicaCluster(dir, slack, policy, connectionString, database, [.. started.Select(start => start.Replica).OfType<ReplicaProcess>()]);
        if (cluster._replicas.Count != count)
        {
            await cluster.DisposeAsync();
            throw new InvalidOperationException(
                $"only {cluster._replicas.Count} of {count} replicas started:{System.Environment.NewLine}{string.Join(System.Environment.NewLine, started.Select(start => start.Failure?.Message).OfType<string>())}");
        }
        return cluster;
    }

    /// <summary>The application name replica <paramref name="index"/> connects to PostgreSQL with.</summary>
    public static string ApplicationNameOf(int index) => $"secbot-replica-{index}";

    private static Dictionary<string, string> Environment(int index, string settingsFile, string connectionString, FakeSlackServer slack, (string Key, string Value)[] settings)
    {
        var environment = SlackProcessSettings.Environment(slack, BotTokenOf(index));
        environment["SECBOT_SETTINGS"] = settingsFile;
        environment["Logging__LogLevel__Default"] = "Warning";
        environment["SecBot__Database__Provider"] = "Postgres";
        environment["SecBot__Database__ConnectionString"] = new NpgsqlConnectionStringBuilder(connectionString) { ApplicationName = ApplicationNameOf(index) }.ConnectionString;
        // The load here is far more declares and pages per person than anyone makes: the declare limit and storm
        // control are lifted (they have their own tests, e.g. SlackPageStormTests), so every page is a DM to count.
        environment["SecBot__Limits__Declares__PerPerson"] = "1000000";
        environment["SecBot__Delivery__PageStorm__Pages"] = "1000000";
        foreach (var (key, value) in settings) environment[key.Replace(":", "__", StringComparison.Ordinal)] = value;
        return environment;
    }

    /// <summary>Sends a signed <c>/secbot declare &lt;title&gt;</c> to <paramref name="replica"/>; the INC number its answer names, or null.</summary>
    public async Task<long?> DeclareAsync(ReplicaProcess replica, string title, CancellationToken cancellationToken)
    {
        using var request = SlackProcessSettings.SignedCommand("declare " + title, Declarer);
        using var response = await replica.Http.SendAsync(request, cancellationToken);
        response.EnsureSuccessStatusCode();
        var text = (string?)JsonNode.Parse(await response.Content.ReadAsStringAsync(cancellationToken))?["text"];
        return text is null ? null : FirstIncidentNumber(text);
    }

    /// <summary>Every open incident with its pages, through the repository.</summary>
    public Task<IReadOnlyList<Incident>> IncidentsAsync() =>
        Store.ReadAsync(connection => new IncidentRepository(Store).ListOpenAsync(connection, CancellationToken.None), CancellationToken.None);

    /// <summary>
    /// Kills replica <paramref name="index"/> (SIGKILL) and waits until PostgreSQL has let go of all its sessions; returns
    /// when the process was seen gone.
    /// </summary>
    public async Task<DateTimeOffset> KillAsync(int index)
    {
        await _replicas[index].KillAsync();
        var gone = TimeProvider.System.GetUtcNow();
        await using var connection = new NpgsqlConnection(ConnectionString);
        await connection.OpenAsync();
        await Until.TrueAsync(
            async () =>
            {
                await using var sessions = new NpgsqlCommand("SELECT count(*) FROM pg_stat_activity WHERE application_name = @name", connection);
                sessions.Parameters.AddWithValue("name", ApplicationNameOf(index));
                return (long)(await sessions.ExecuteScalarAsync())! == 0;
            },
            TimeSpan.FromSeconds(60),
            () => $"PostgreSQL still has sessions of the killed {_replicas[index].Name}");
        return gone;
    }

    public async ValueTask DisposeAsync()
    {
        foreach (var replica in _replicas) await replica.DisposeAsync();
        await _database.DisposeAsync();
        await Slack.DisposeAsync();
        _dir.Dispose();
    }

    /// <summary>The number of the first INC-n <paramref name="text"/> names, or null.</summary>
    public static long? FirstIncidentNumber(string text)
    {
        var at = text.IndexOf(IncidentKey.Prefix, StringComparison.Ordinal);
        if (at < 0) return null;
        var start = at + IncidentKey.Prefix.Length;
        var end = start;
        while (end < text.Length && char.IsAsciiDigit(text[end])) end++;
        return long.TryParse(text.AsSpan(start, end - start), NumberStyles.None, CultureInfo.InvariantCulture, out var number) ? number : null;
    }
}
