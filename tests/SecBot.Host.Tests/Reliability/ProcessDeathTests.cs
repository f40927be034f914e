using System.Globalization;
using System.Text.Json.Nodes;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.Logging.Abstractions;
using SecBot.Chat.Delivery;
using SecBot.Chat.Tests.Support;
using SecBot.Domain.Incidents;
using SecBot.Host.Tests.Replicas;
using SecBot.Host.Tests.Slack;
using SecBot.Host.Tests.Support;
using SecBot.Storage;
using SecBot.Storage.Database;
using SecBot.Storage.Delivery;
using SecBot.Testing.Slack;
using Xunit.Abstractions;

namespace SecBot.Host.Tests.Reliability;

/// <summary>
/// Issue 15, "Process death", on the default embedded SQLite: the host is its own OS process, killed with SIGKILL while
/// its outbox holds undelivered messages (Slack took the first post of each channel and never answered) and an
/// escalation timer is due but not fired; a new process on the same database file delivers every message and fires the
/// timer exactly once.
/// </summary>
/// <remarks>
/// What may come twice across a kill: only a post the killed process had already handed to Slack, whose answer it never
/// saw (delivery is at-least-once). It cannot know whether Slack kept it, so the next process sends it again once the
/// dead claim's lease has run out. Every other message reaches Slack exactly once, and a timer fires exactly once
/// because its firing and its effects commit in one transaction, which the kill left uncommitted.
/// </remarks>
public sealed class ProcessDeathTests(ITestOutputHelper output)
{
    private const string FirstToken = "xoxb-first-process";
    private const string SecondToken = "xoxb-second-process";
    private const int Declares = 3;

    /// <summary>Longer than the first process takes to claim its messages under load, or it would escalate before it is stopped.</summary>
    private static readonly TimeSpan AckTimeout = TimeSpan.FromSeconds(15);

    /// <summary>The first process holds its claims (and keeps waiting on Slack) well past its death...</summary>
    private static readonly TimeSpan FirstClaimLease = TimeSpan.FromMinutes(2);

    /// <summary>...which the second counts as run out after this, so it takes them over at once.</summary>
    private static readonly TimeSpan SecondClaimLease = TimeSpan.FromSeconds(2);

    /// <summary>Generous: two cores run the hosts, the fake Slack and the test (and other builds).</summary>
    private static readonly TimeSpan Settles = TimeSpan.FromMinutes(2);

    [Fact]
    public async Task A_host_killed_holding_undelivered_messages_and_a_due_timer_is_succeeded_by_one_that_delivers_every_message_and_fires_the_timer_once()
    {
        using var dir = new TempDirectory();
        await using var slack = await FakeSlackServer.StartAsync();
        slack.DirectChannelPerUser = true;
        // The first process's posts reach Slack and are never answered: it dies holding each channel's first message.
        slack.Stall(call => call.Authorization == "Bearer " + FirstToken && call.Method == "chat.postMessage");
        var settingsFile = PolicyFile.WriteCopy(dir, policy =>
        {
            var escalation = policy["SecBot"]!["Escalation"]!;
            escalation["Repages"] = 0;
            escalation["Levels"]![0]!["AckTimeout"] = AckTimeout.ToString("c", CultureInfo.InvariantCulture);
            escalation["Levels"]![1]!["AckTimeout"] = "01:00:00";
        });
        var policy = JsonNode.Parse(await File.ReadAllTextAsync(settingsFile))!;
        var databasePath = dir.File("secbot.db");
        using var store = new SqliteStore(new SqliteDatabase(new DatabaseOptions { Path = databasePath }, NullLogger<SqliteDatabase>.Instance), TimeProvider.System, NullLogger<SqliteStore>.Instance);

        var first = await ReplicaProcess.StartAsync("first", Environment(slack, settingsFile, databasePath, FirstToken, FirstClaimLease));
        try
        {
            for (var n = 1; n <= Declares; n++)
            {
                using var declare = SlackProcessSettings.SignedCommand($"declare Killed host {n}", ReplicaCluster.Declarer);
                using var answered = await first.Http.SendAsync(declare);
                answered.EnsureSuccessStatusCode();
            }

            // Every channel with a message waiting has its first post in Slack's hands, unanswered (one each: the
            // first process waits on each post as long as it lives).
            var messages = await MessagesAsync(store, policy);
            await Until.TrueAsync(
                () => Task.FromResult(messages.Select(m => (string?)m.Channel).ToHashSet().SetEquals(slack.Stalled.Select(call => call["channel"]))),
                Settles,
                () => $"a stalled post in each of {string.Join(", ", messages.Select(m => m.Channel).Distinct())}; stalled: {string.Join(", ", slack.Stalled.Select(call => call["channel"]))}{System.Environment.NewLine}{first.Output}");

            // The escalation comes due while the database's write lock is held, so the first process cannot commit it.
            await using var writeLock = await HoldWriteLockAsync(databasePath);
            var due = (await store.IncidentsAsync()).Max(incident => incident.DeclaredAt) + AckTimeout;
            await Until.TrueAsync(() => Task.FromResult(TimeProvider.System.GetUtcNow() > due), Settles, () => $"the ack deadline {due:o} passing");
            await first.KillAsync();
        }
        finally
        {
            await first.DisposeAsync();
        }

        var killedWith = await MessagesAsync(store, policy);
        Assert.All(await store.OutboxEntriesAsync(), row => Assert.Equal(OutboxState.Pending, row.State));
        Assert.All(await store.IncidentsAsync(), incident => Assert.Equal("L1", incident.Level));
        var stalled = slack.Stalled;

        await using var second = await ReplicaProcess.StartAsync("second", Environment(slack, settingsFile, databasePath, SecondToken, SecondClaimLease));
        IReadOnlyList<Incident> incidents = [];
        OutboxCounts counts = new(0, 0);
        await Until.TrueAsync(
            async () =>
            {
                incidents = await store.IncidentsAsync();
                counts = await new OutboxRepository(store).CountAsync(CancellationToken.None);
                return incidents.All(incident => incident.Level == "L2") && counts.Pending == 0;
            },
            Settles,
            () => $"every incident escalated to L2 ({string.Join(", ", incidents.Select(i => $"INC-{i.Number} {i.Level}"))}) and the outbox drained ({counts.Pending} pending){System.Environment.NewLine}{second.Output}");

        // The timer fired once: one escalation on each timeline, one L2 page per person, no second L1 round.
        Assert.Equal(Declares, incidents.Count);
        foreach (var incident in incidents)
        {
            Assert.Single(await store.IncidentTimelineAsync(incident.Number), e => e.Kind == IncidentEventKinds.AutoEscalated);
            var l2 = incident.Pages.Where(page => page.Level == "L2").ToList();
            Assert.NotEmpty(l2);
            Assert.Equal(l2.Count, l2.Select(page => page.PersonId).Distinct().Count());
            Assert.All(incident.Pages, page => Assert.Equal(1, page.Attempt));
        }

        // Every message queued, the escalation's included, went out; none was given up on.
        var queued = await MessagesAsync(store, policy);
        Assert.Equal(0, counts.Dead);
        Assert.All(await store.OutboxEntriesAsync(), row => Assert.Equal(OutboxState.Sent, row.State));
        Assert.Subset(queued.Select(m => m.Id).ToHashSet(), killedWith.Select(m => m.Id).ToHashSet());

        // The second process posted each queued message exactly once, each channel's in the order queued.
        var posts = slack.CallsTo("chat.postMessage");
        var bySecond = posts.Where(call => call.Authorization == "Bearer " + SecondToken).ToList();
        foreach (var channel in queued.GroupBy(m => m.Channel))
        {
            var postedThere = bySecond.Where(call => call["channel"] == channel.Key).Select(call => ReplicaCluster.FirstIncidentNumber(call.Body)).ToList();
            Assert.Equal(channel.Select(m => m.Incident), postedThere);
        }
        Assert.Equal(queued.Count, bySecond.Count);
        Assert.Equal(bySecond.Count, bySecond.Select(call => call.Body).Distinct().Count());

        // The first process posted nothing but what it was stalled on, at most one per channel (each channel's first
        // message); each of those is the one duplicate the kill allows, sent again word for word by the second process.
        Assert.Equal(stalled.Count, posts.Count(call => call.Authorization == "Bearer " + FirstToken));
        Assert.Equal(stalled.Count, stalled.Select(call => call["channel"]).Distinct().Count());
        Assert.All(stalled, call => Assert.Single(bySecond, again => again.Body == call.Body));
        output.WriteLine($"killed holding {killedWith.Count} undelivered messages in {killedWith.Select(m => m.Channel).Distinct().Count()} channels, {stalled.Count} of them handed to Slack unanswered; the second process delivered {bySecond.Count} messages (the escalations' included)");
    }

    /// <summary>The process's settings; each Slack call may wait as long as a send may (half the lease): a stalled post stays in flight.</summary>
    private static Dictionary<string, string> Environment(FakeSlackServer slack, string settingsFile, string databasePath, string botToken, TimeSpan claimLease)
    {
        var environment = SlackProcessSettings.Environment(slack, botToken);
        environment["SECBOT_SETTINGS"] = settingsFile;
        environment["Logging__LogLevel__Default"] = "Warning";
        environment["SecBot__Database__Path"] = databasePath;
        environment["SecBot__Delivery__ClaimLease"] = claimLease.ToString("c", CultureInfo.InvariantCulture);
        environment["SecBot__Slack__Resilience__AttemptTimeout"] = (claimLease / 2).ToString("c", CultureInfo.InvariantCulture);
        return environment;
    }

    /// <summary>One queued card for Slack: its outbox row, the Slack channel it goes to, and the incident it is about.</summary>
    private sealed record QueuedMessage(long Id, string Channel, long? Incident);

    /// <summary>The cards queued for Slack, in queue order, with where each goes (a DM channel per person, by the policy's Slack ids).</summary>
    private static async Task<IReadOnlyList<QueuedMessage>> MessagesAsync(IStore store, JsonNode policy)
    {
        var slackIdOf = policy["SecBot"]!["Roster"]!["People"]!.AsArray()
            .ToDictionary(person => (string)person!["Id"]!, person => (string?)person!["SlackUserId"], StringComparer.Ordinal);
        return
        [
            .. (await store.OutboxEntriesAsync())
                .Where(row => row.Platform == "slack" && row.Kind == OutboxWriter.MessageKind)
                .Select(row => (row.Id, Message: OutboxWriter.Read(row.Payload)))
                .Select(row => new QueuedMessage(
                    row.Id,
                    row.Message.To.Kind == RecipientKind.Person ? FakeSlackServer.DirectChannelOf(slackIdOf[row.Message.To.Id]!) : row.Message.To.ChannelOn(SlackHost.IncidentsChannel),
                    ReplicaCluster.FirstIncidentNumber(row.Message.Subject ?? ""))),
        ];
    }

    /// <summary>
    /// Takes the database's write lock (what any writer takes to commit) and holds it until disposed: the host can read
    /// but commits nothing meanwhile. Not pooled, so disposing lets go of the file.
    /// </summary>
    private static async Task<SqliteConnection> HoldWriteLockAsync(string databasePath)
    {
        var connection = new SqliteConnection(new SqliteConnectionStringBuilder { DataSource = databasePath, Pooling = false, DefaultTimeout = 60 }.ToString());
        await connection.OpenAsync();
        await using var begin = connection.CreateCommand();
        begin.CommandText = "BEGIN IMMEDIATE";
        await begin.ExecuteNonQueryAsync();
        return connection;
    }
}
