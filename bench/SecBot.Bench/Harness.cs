using Dapper;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Logging.Abstractions;
using SecBot.Chat.Conversation;
using SecBot.Chat.Delivery;
using SecBot.Chat.Incidents;
using SecBot.Chat.Reviews;
using SecBot.Chat.Tests.Support;
using SecBot.Domain.Incidents;
using SecBot.Domain.Policy;
using SecBot.Domain.Roster;
using SecBot.Host.Clock;
using SecBot.Host.Delivery;
using SecBot.Storage;
using SecBot.Storage.Database;
using SecBot.Storage.Incidents;
using SecBot.Storage.Migrations;
using SecBot.Storage.Reviews;
using SecBot.Storage.Roster;
using SecBot.Storage.Timers;
using RosterModel = SecBot.Domain.Roster.Roster;

namespace SecBot.Bench;

/// <summary>
/// The objects the host composes (StorageRegistration + ChatRegistration), built directly over a fresh
/// SQLite file in a temp directory, with the repo's appsettings.json policy. No web host, no HTTP.
/// </summary>
public sealed class Harness : IAsyncDisposable
{
    public const string Declarer = "maya";

    private readonly string _directory;

    private Harness(string directory, PolicyOptions policy)
    {
        _directory = directory;
        Policy = policy;
        Database = new SqliteDatabase(new DatabaseOptions { Path = Path.Combine(directory, "secbot.db") }, NullLogger<SqliteDatabase>.Instance);
        Store = new SqliteStore(Database, TimeProvider.System, NullLogger<SqliteStore>.Instance);
        Timers = new TimerRepository(Store);
        // The full chat graph, as the chat tests build it; no Slack/Teams sender: Enabled = ["console"].
        // The declares all come from one person: the declare limit and storm control are lifted.
        var graph = new ChatGraph(
            Store, policy, new ConfiguredPlatforms([], Microsoft.Extensions.Options.Options.Create(new SecBot.Host.ConsolePlatform.ConsoleOptions())), TimeProvider.System,
            declares: new DeclareLimitOptions { PerPerson = int.MaxValue }, pageStorm: new PageStormOptions { Pages = int.MaxValue });
        Roster = graph.Roster;
        Engine = new EscalationEngine(new EscalationPolicy(policy.Escalation), Roster);
        Cards = graph.IncidentCards;
        Outbox = graph.Outbox;
        Commands = graph.Incidents;
        Reviews = graph.Reviews;
        IncidentRepository = graph.IncidentRepository;
        GateRepository = graph.GateRepository;
        Overrides = graph.Overrides;
        Clock = new TimerClock(
            Store, Timers, graph.DueTimers, graph.TimerFailures, graph.SubjectTimeline, Store, graph.TimerHandlers, TimeProvider.System, NullLogger<TimerClock>.Instance);
        Caller = Roster.PersonById(Declarer) ?? throw new InvalidOperationException($"appsettings.json has no person '{Declarer}'");
    }

    public PolicyOptions Policy { get; }
    public SqliteDatabase Database { get; }
    public SqliteStore Store { get; }
    public TimerRepository Timers { get; }
    public IncidentRepository IncidentRepository { get; }
    public GateRepository GateRepository { get; }
    public OverrideRepository Overrides { get; }
    public RosterModel Roster { get; }
    public EscalationEngine Engine { get; }
    public IncidentCards Cards { get; }
    public OutboxWriter Outbox { get; }
    public IncidentCommands Commands { get; }
    public ReviewCommands Reviews { get; }
    public TimerClock Clock { get; }
    public Person Caller { get; }

    /// <summary>A fresh temp file with the schema migrated and the roster synced, as <c>PrepareDatabaseAsync</c> does at start.</summary>
    public static async Task<Harness> CreateAsync(CancellationToken cancellationToken = default)
    {
        var directory = Path.Combine(Path.GetTempPath(), "secbot-bench", Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(directory);
        var harness = new Harness(directory, LoadPolicy());
        await new MigrationRunner(harness.Database, TimeProvider.System, NullLogger<MigrationRunner>.Instance).ApplyAsync(cancellationToken: cancellationToken);
        await new RosterSync(harness.Store, NullLogger<RosterSync>.Instance).SyncAsync(harness.Policy.Roster, cancellationToken);
        return harness;
    }

    /// <summary>One durable declare, exactly as the chat router runs it for "/secbot declare &lt;title&gt;" in a DM.</summary>
    public Task<ChatReply> DeclareAsync(int i, CancellationToken cancellationToken = default) =>
        Commands.DeclareAsync(Caller, $"Suspicious sign-in burst on vpn-gw-{i % 97} ({i})", null, null, ChatPlace.Direct(), cancellationToken);

    /// <summary>The journal and synchronous modes a store connection really runs with.</summary>
    public Task<(string JournalMode, string Synchronous)> ConnectionModesAsync() =>
        Store.ReadAsync(
            async connection =>
            {
                var journal = await connection.ExecuteScalarAsync<string>("PRAGMA journal_mode;") ?? "?";
                var synchronous = await connection.ExecuteScalarAsync<long>("PRAGMA synchronous;") switch
                {
                    0 => "OFF",
                    1 => "NORMAL",
                    2 => "FULL",
                    3 => "EXTRA",
                    var other => other.ToString(System.Globalization.CultureInfo.InvariantCulture),
                };
                return (journal.ToUpperInvariant(), synchronous);
            },
            CancellationToken.None);

    public Task<long> ScalarAsync(string sql, object? parameters = null) =>
        Store.ReadAsync(connection => connection.ExecuteScalarAsync<long>(sql, parameters), CancellationToken.None);

    public Task<int> ExecuteAsync(string sql, object? parameters = null) =>
        Store.WriteAsync(transaction => transaction.ExecuteAsync(sql, parameters), CancellationToken.None);

    public async ValueTask DisposeAsync()
    {
        Store.Dispose();
        SqliteConnection.ClearAllPools();
        await Task.Yield();
        try
        {
            Directory.Delete(_directory, recursive: true);
        }
        catch (IOException)
        {
            // A temp file still held open; the OS temp cleaner gets it.
        }
    }

    public static string RepoRoot()
    {
        foreach (var start in new[] { Directory.GetCurrentDirectory(), AppContext.BaseDirectory })
        {
            for (var dir = new DirectoryInfo(start); dir is not null; dir = dir.Parent)
            {
                if (File.Exists(Path.Combine(dir.FullName, "SecBot.sln")) && File.Exists(Path.Combine(dir.FullName, "appsettings.json")))
                {
                    return dir.FullName;
                }
            }
        }

        throw new InvalidOperationException("Run from inside the SecBot repo: SecBot.sln and appsettings.json were not found above the current directory.");
    }

    /// <summary>The policy the host binds: section "SecBot" of the repo's top-level appsettings.json, validated as at start.</summary>
    public static PolicyOptions LoadPolicy()
    {
        var configuration = new ConfigurationBuilder().AddJsonFile(Path.Combine(RepoRoot(), "appsettings.json"), optional: false).Build();
        var policy = configuration.GetSection(PolicyOptions.SectionName).Get<PolicyOptions>()
            ?? throw new InvalidOperationException("appsettings.json has no SecBot section");
        var problems = PolicyValidator.Validate(policy);
        if (problems.Count > 0) throw new InvalidOperationException("appsettings.json policy is invalid:\n" + string.Join('\n', problems));
        return policy;
    }
}
