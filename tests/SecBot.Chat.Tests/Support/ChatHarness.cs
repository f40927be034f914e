using System.Data.Common;
using Dapper;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Time.Testing;
using SecBot.Chat.Conversation;
using SecBot.Chat.Delivery;
using SecBot.Chat.Incidents;
using SecBot.Domain.Incidents;
using SecBot.Domain.Policy;
using SecBot.Domain.Tests.Policy;
using SecBot.Storage;
using SecBot.Storage.Incidents;
using SecBot.Storage.Roster;
using SecBot.Storage.Tests.Support;
using SecBot.Storage.Timers;
using RosterModel = SecBot.Domain.Roster.Roster;

namespace SecBot.Chat.Tests.Support;

/// <summary>
/// The chat layer as ChatRegistration wires it (<see cref="ChatGraph"/>), driven for incidents and on-call (review gates: see ReviewHarness),
/// over a real migrated SQLite file with the roster of the shipped appsettings.json synced into it, and a fake clock. Several harnesses on one
/// <see cref="TemporaryDatabase"/> behave like several processes on one file: each has its own store.
/// It reads and writes only through <see cref="IStore"/> (repositories and plain SQL), so another provider's store can be passed in.
/// </summary>
internal sealed class ChatHarness
{
    /// <summary>The one delivery platform by default, so every message is one outbox row.</summary>
    public const string Platform = "slack";

    private ChatHarness(TemporaryDatabase database, IStore store, PolicyOptions policy, IReadOnlyList<string> platforms, IEnumerable<IPlatformReach>? reach)
    {
        Database = database;
        Store = store;
        Policy = policy;
        var graph = new ChatGraph(store, policy, new FixedPlatforms([.. platforms]), database.Time, reach);
        Roster = graph.Roster;
        Incidents = graph.Incidents;
        Router = graph.Router;
        TimerHandler = new IncidentTimerHandler(Incidents);
    }

    public TemporaryDatabase Database { get; }

    public FakeTimeProvider Time => Database.Time;

    public IStore Store { get; }

    public PolicyOptions Policy { get; }

    public RosterModel Roster { get; }

    public IncidentCommands Incidents { get; }

    public ChatRouter Router { get; }

    public IncidentTimerHandler TimerHandler { get; }

    /// <summary>The shipped policy (appsettings.json), bound as the host binds it; <paramref name="edit"/> may change a copy.</summary>
    public static PolicyOptions ShippedPolicy(Action<PolicyOptions>? edit = null)
    {
        var policy = ShippedConfiguration.LoadPolicy();
        edit?.Invoke(policy);
        var problems = PolicyValidator.Validate(policy);
        Assert.True(problems.Count == 0, "the test policy is valid: " + string.Join("; ", problems));
        return policy;
    }

    /// <summary>A fresh migrated database with the chat layer on its first store.</summary>
    /// <param name="platforms">The enabled delivery platforms; by default only <see cref="Platform"/>.</param>
    /// <param name="reach">Which of them can reach whom; by default each reaches everyone.</param>
    public static async Task<ChatHarness> StartAsync(
        TemporaryDatabase database, IStore? store = null, PolicyOptions? policy = null, IReadOnlyList<string>? platforms = null, IEnumerable<IPlatformReach>? reach = null)
    {
        ArgumentNullException.ThrowIfNull(database);
        policy ??= ShippedPolicy();
        store ??= database.Store;
        await new RosterSync(store, NullLogger<RosterSync>.Instance).SyncAsync(policy.Roster, CancellationToken.None);
        return new ChatHarness(database, store, policy, platforms ?? [Platform], reach);
    }

    public static ChatIdentity SlackIdentityOf(RosterModel roster, string personId) =>
        new("slack", roster.PersonById(personId)?.SlackUserId ?? throw new ArgumentException($"{personId} is not on the roster", nameof(personId)));

    public Task<ChatReply> SayAsync(string personId, string text, ChatPlace? place = null) =>
        Router.HandleAsync(new ChatRequest(SlackIdentityOf(Roster, personId), place ?? ChatPlace.Direct("D0DIRECT"), new TextInput(text)), CancellationToken.None);

    public Task<ChatReply> PressAsync(string personId, string actionId, string value, params (string Id, string Value)[] inputs) =>
        Router.HandleAsync(
            new ChatRequest(SlackIdentityOf(Roster, personId), ChatPlace.Direct("D0DIRECT"), new ButtonInput(actionId, value, inputs.ToDictionary(i => i.Id, i => i.Value))),
            CancellationToken.None);

    /// <summary>
    /// A press on a delivered message, as an adapter makes it: the platform says which message (<paramref name="pressed"/>)
    /// and <paramref name="writeReply"/> queues the press's answer in the command's own transaction.
    /// </summary>
    public Task<ChatReply> PressOnAsync(MessageRef pressed, ReplyWriter writeReply, string personId, string actionId, string value, params (string Id, string Value)[] inputs) =>
        Router.HandleAsync(
            new ChatRequest(SlackIdentityOf(Roster, personId), ChatPlace.Direct(pressed.ConversationId), new ButtonInput(actionId, value, inputs.ToDictionary(i => i.Id, i => i.Value)) { Pressed = pressed })
            {
                WriteReply = writeReply,
            },
            CancellationToken.None);

    /// <summary>Declares and returns the incident number, failing the test if the declaration was refused.</summary>
    public async Task<long> DeclareAsync(string personId, string arguments, ChatPlace? place = null)
    {
        var reply = await SayAsync(personId, "declare " + arguments, place);
        Assert.False(reply.IsRefusal, reply.Text);
        return await ScalarAsync<long>("SELECT max(id) FROM incidents");
    }

    /// <summary>One tick of the clock, as TimerClock does it: each due timer fired and marked in one transaction with its effects.</summary>
    public async Task<int> FireDueTimersAsync()
    {
        var fired = 0;
        while (await Store.WriteAsync(
                   async transaction =>
                   {
                       if (await DueTimers.TakeNextAsync(transaction) is not { } timer) return false;
                       Assert.Equal(TimerHandler.Kind, timer.Kind);
                       await TimerHandler.FireAsync(transaction, timer);
                       await transaction.MarkTimerFiredAsync(timer.Id);
                       return true;
                   },
                   CancellationToken.None))
        {
            fired++;
        }

        return fired;
    }

    public Task<TableCounts> CountsAsync() =>
        Store.ReadAsync(
            async connection => new TableCounts(
                await CountAsync(connection, "incidents"),
                await CountAsync(connection, "pages"),
                await CountAsync(connection, "outbox"),
                await CountAsync(connection, "incident_events"),
                await CountAsync(connection, "timers"),
                await CountAsync(connection, "oncall_overrides")),
            CancellationToken.None);

    /// <summary>Rows in <paramref name="table"/> (a name from the test, never input).</summary>
    public static Task<long> CountAsync(DbConnection connection, string table) =>
        connection.ExecuteScalarAsync<long>($"SELECT count(*) FROM {table}");

    public async Task<Incident> IncidentAsync(long number) =>
        await Store.ReadAsync(connection => IncidentRepository.LoadAsync(connection, null, number, CancellationToken.None), CancellationToken.None)
        ?? throw new InvalidOperationException($"INC-{number} is not stored");

    /// <summary>The first person paged on the incident, as its stored pages say (never assumed from the roster): who is asked to acknowledge.</summary>
    public async Task<string> FirstPagedAsync(long number) => (await IncidentAsync(number)).Pages[0].PersonId;

    /// <summary>A roster person's display name.</summary>
    public string NameOf(string personId) => Roster.PersonById(personId)?.Name ?? throw new ArgumentException($"{personId} is not on the roster", nameof(personId));

    /// <summary>
    /// Someone on the roster who was never paged on the incident and holds none of the roles that may acknowledge it anyway:
    /// a follower, who may look and escalate but not stop or close it.
    /// </summary>
    public async Task<string> FollowerOfAsync(long number)
    {
        var incident = await IncidentAsync(number);
        var mayAcknowledge = Policy.Escalation.MayAcknowledge;
        return Roster.People
            .Where(p => !incident.PeopleOnIncident.Contains(p.Id, StringComparer.OrdinalIgnoreCase))
            .First(p => !Roster.RolesHeldBy(p.Id, Time.GetUtcNow()).Intersect(mayAcknowledge, StringComparer.OrdinalIgnoreCase).Any()
                && Roster.RolesHeldBy(p.Id, Time.GetUtcNow()).Count > 0)
            .Id;
    }

    /// <summary>The timeline as stored, in the order it was written.</summary>
    public async Task<IReadOnlyList<StoredEvent>> TimelineAsync(long number) =>
        [.. await Store.ReadAsync(
            connection => connection.QueryAsync<StoredEvent>(
                "SELECT id AS Id, kind AS Kind, actor AS Actor, detail AS Detail FROM incident_events WHERE incident_id = @Number ORDER BY id",
                new { Number = number }),
            CancellationToken.None)];

    public async Task<IReadOnlyList<string>> TimelineKindsAsync(long number) =>
        [.. (await TimelineAsync(number)).Select(e => e.Kind)];

    /// <summary>Every outbox message (a card to someone), oldest first, read back; refreshes of sent cards are <see cref="RefreshesAsync"/>.</summary>
    public async Task<IReadOnlyList<QueuedMessage>> OutboxAsync()
    {
        var rows = await Store.ReadAsync(
            connection => connection.QueryAsync<(long Id, string Platform, string ChannelKey, string Payload)>(
                "SELECT id, platform, channel_key, payload FROM outbox WHERE kind = @Kind ORDER BY id", new { Kind = OutboxWriter.MessageKind }),
            CancellationToken.None);
        return [.. rows.Select(r => new QueuedMessage(r.Id, r.Platform, r.ChannelKey, OutboxWriter.Read(r.Payload)))];
    }

    /// <summary>Every queued refresh of the cards already sent about a subject, oldest first.</summary>
    public async Task<IReadOnlyList<CardRefresh>> RefreshesAsync()
    {
        var payloads = await Store.ReadAsync(
            connection => connection.QueryAsync<string>("SELECT payload FROM outbox WHERE kind = @Kind ORDER BY id", new { Kind = OutboxWriter.RefreshKind }),
            CancellationToken.None);
        return [.. payloads.Select(OutboxWriter.ReadRefresh)];
    }

    /// <summary>Outbox rows added after <paramref name="afterId"/>.</summary>
    public async Task<IReadOnlyList<QueuedMessage>> OutboxAfterAsync(long afterId) =>
        [.. (await OutboxAsync()).Where(m => m.Id > afterId)];

    public async Task<long> LastOutboxIdAsync() => await ScalarAsync<long?>("SELECT max(id) FROM outbox") ?? 0;

    public Task<long> PendingTimersAsync() => ScalarAsync<long>("SELECT count(*) FROM timers WHERE fired_at IS NULL");

    private Task<T> ScalarAsync<T>(string sql) =>
        Store.ReadAsync(async connection => (await connection.ExecuteScalarAsync<T>(sql))!, CancellationToken.None);

    private sealed class FixedPlatforms(params string[] platforms) : IDeliveryPlatforms
    {
        public IReadOnlyList<string> Enabled { get; } = platforms;
    }
}

/// <summary>Row counts of the tables a chat command may change: "changes nothing" means these stay equal.</summary>
internal sealed record TableCounts(long Incidents, long Pages, long Outbox, long IncidentEvents, long Timers, long Overrides);

internal sealed record StoredEvent(long Id, string Kind, string Actor, string? Detail);

internal sealed record QueuedMessage(long Id, string Platform, string ChannelKey, OutboundMessage Message)
{
    public bool IsPageTo(string personId) => ChannelKey == $"person:{personId}";

    public bool IsChannel => ChannelKey == Recipient.IncidentsChannel.ChannelKey;
}
