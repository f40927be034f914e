using System.Globalization;
using System.Net;
using System.Text.Json.Nodes;
using SecBot.Chat.Delivery;
using SecBot.Chat.Tests.Support;
using SecBot.Host.Tests.Replicas;
using SecBot.Host.Tests.Slack;
using SecBot.Host.Tests.Support;
using SecBot.Host.Tests.Teams;
using SecBot.Storage.Delivery;
using SecBot.Testing.Slack;
using SecBot.Testing.Teams;

namespace SecBot.Host.Tests.Reliability;

/// <summary>
/// Issue 15, "Platform outage": one of the two platforms answers 500, or takes calls and never answers, for a while. The
/// circuit opens (calls fail fast instead of hammering it), nothing is lost or given up on, the backlog shows in
/// <c>/readyz</c> (degraded, still ready) and in <c>status</c>, the other platform keeps getting its messages meanwhile,
/// and once the platform answers again every message goes out once, in the order queued, conversation by conversation.
/// Short resilience settings keep the outage short; every wait is a bounded poll of what the host and the fakes did.
/// </summary>
public sealed class PlatformOutageTests
{
    public enum Failure
    {
        ServerError,
        Hang,
    }

    /// <summary>How long one call to a platform may take; a hang holds a send this long.</summary>
    private static readonly TimeSpan AttemptTimeout = TimeSpan.FromSeconds(8);

    private static readonly TimeSpan Settles = TimeSpan.FromSeconds(90);

    [Theory]
    [InlineData(PlatformName.Slack, Failure.ServerError)]
    [InlineData(PlatformName.Slack, Failure.Hang)]
    [InlineData(PlatformName.Teams, Failure.ServerError)]
    [InlineData(PlatformName.Teams, Failure.Hang)]
    public async Task A_platform_down_for_a_while_opens_its_circuit_loses_nothing_stalls_nothing_else_and_then_gets_everything_in_order(string down, Failure failure)
    {
        await using var host = await TeamsHost.StartAsync(withSlack: true, settings: [.. ShortResilience("Slack"), .. ShortResilience("Teams"), "--SecBot:Delivery:FirstBackoff=00:00:00.2", "--SecBot:Delivery:MaxBackoff=00:00:01"]);
        var slack = host.Slack!;
        slack.DirectChannelPerUser = true;
        await host.InstallEveryoneAsync();
        await host.WaitForOutboxDrainedAsync();
        var up = down == PlatformName.Slack ? PlatformName.Teams : PlatformName.Slack;
        var outage = new Outage(host, down, failure);

        outage.Begin();
        await DeclareAsync(host, "Outage first");
        // Incident 2 is declared while the platform that is down holds (or fails) its sends for incident 1.
        await Until.TrueAsync(() => Task.FromResult(outage.Calls.Count > 0), Settles, () => $"a call to {down} during the outage");
        var firstHeld = outage.Calls.Min(call => call.At);
        await DeclareAsync(host, "Outage second");

        // The other platform gets its messages meanwhile, without waiting for a hung call to give up.
        await Until.TrueAsync(async () => (await PendingCardsAsync(host, up)).Count == 0, Settles, () => $"everything to {up} delivered during the {down} outage");
        var upDelivered = Delivered(host, up);
        if (failure == Failure.Hang)
        {
            Assert.All(upDelivered, post => Assert.True(post.At < firstHeld + AttemptTimeout, $"{up} got {post.What} only at {post.At:o}, after a {down} call hung at {firstHeld:o} gave up"));
        }

        // The circuit opens: sends fail fast with circuit_open instead of reaching the platform.
        await Until.TrueAsync(
            async () => (await PendingCardsAsync(host, down)).Any(row => row.LastError?.Contains("circuit_open", StringComparison.Ordinal) == true),
            Settles,
            () => $"a {down} message held back by the open circuit");

        // During the outage: still ready, degraded, with the backlog in the details; status says so too.
        var pending = await PendingCardsAsync(host, down);
        using (var ready = await host.Host.Http.GetAsync(new Uri("/readyz", UriKind.Relative)))
        {
            Assert.Equal(HttpStatusCode.OK, ready.StatusCode);
            var delivery = JsonNode.Parse(await ready.Content.ReadAsStringAsync())!["checks"]!["delivery"]!;
            Assert.Equal("Degraded", (string?)delivery["status"]);
            var details = delivery["data"]![down]!;
            Assert.True((long)details["pending"]! >= pending.Count, $"readyz: {delivery.ToJsonString()}");
            Assert.True((long)details["retrying"]! > 0, $"readyz: {delivery.ToJsonString()}");
            Assert.True((double)details["oldestPendingSeconds"]! >= 0, $"readyz: {delivery.ToJsonString()}");
            Assert.Equal(0, (long)details["deadLetters"]!);
            Assert.Equal(0, (long)delivery["data"]!["deadLetters"]!);
            Assert.Null(delivery["data"]![up]);
        }
        var status = await StatusAsync(host);
        Assert.Contains($"to {PlatformNames.Of(down)} are waiting", status, StringComparison.Ordinal);
        Assert.DoesNotContain("could not be delivered", status, StringComparison.Ordinal);

        outage.End();
        var counts = await host.WaitForOutboxDrainedAsync(Settles);

        // Nothing lost or given up on; each conversation got exactly its queued cards, in the order queued.
        Assert.Equal(0, counts.Dead);
        foreach (var platform in new[] { down, up })
        {
            var queued = await QueuedCardsAsync(host, platform);
            var delivered = Delivered(host, platform);
            Assert.Equal(queued.Count, delivered.Count);
            foreach (var conversation in queued.GroupBy(card => card.Conversation))
            {
                Assert.Equal(conversation.Select(card => card.Incident), delivered.Where(post => post.Conversation == conversation.Key).Select(post => post.Incident));
            }
        }

        Assert.Contains(await QueuedCardsAsync(host, down), card => card.Incident == 2);
        using var recovered = await host.Host.Http.GetAsync(new Uri("/readyz", UriKind.Relative));
        Assert.Equal("Healthy", (string?)JsonNode.Parse(await recovered.Content.ReadAsStringAsync())!["checks"]!["delivery"]!["status"]);
        Assert.DoesNotContain("waiting", await StatusAsync(host), StringComparison.Ordinal);
    }

    /// <summary>The names the tests use for the two platforms (their outbox names).</summary>
    public static class PlatformName
    {
        public const string Slack = "slack";
        public const string Teams = "teams";
    }

    private static string[] ShortResilience(string platform) =>
    [
        $"--SecBot:{platform}:Resilience:MaxRetryAttempts=0",
        $"--SecBot:{platform}:Resilience:AttemptTimeout={AttemptTimeout.ToString("c", CultureInfo.InvariantCulture)}",
        $"--SecBot:{platform}:Resilience:MinimumThroughput=2",
        $"--SecBot:{platform}:Resilience:SamplingDuration=00:00:30",
        $"--SecBot:{platform}:Resilience:BreakDuration=00:00:01",
    ];

    private static async Task DeclareAsync(TeamsHost host, string title)
    {
        using var declare = SlackProcessSettings.SignedCommand("declare " + title, ReplicaCluster.Declarer);
        using var answered = await host.Host.Http.SendAsync(declare);
        answered.EnsureSuccessStatusCode();
    }

    /// <summary>
    /// The <c>status</c> reply on Slack, which answers in the HTTP response whether or not Slack's Web API is up; asked in
    /// a channel no incident was declared in, so it is the overall status, not one incident's.
    /// </summary>
    private static async Task<string> StatusAsync(TeamsHost host)
    {
        using var request = SlackProcessSettings.SignedCommand("status", ReplicaCluster.Declarer, "C0ELSEWHERE");
        using var answered = await host.Host.Http.SendAsync(request);
        answered.EnsureSuccessStatusCode();
        return (string?)JsonNode.Parse(await answered.Content.ReadAsStringAsync())?["text"] ?? "";
    }

    private static async Task<IReadOnlyList<OutboxEntry>> PendingCardsAsync(TeamsHost host, string platform) =>
        [.. (await host.OutboxEntriesAsync()).Where(row => row.Platform == platform && row.Kind == OutboxWriter.MessageKind && row.State == OutboxState.Pending)];

    /// <summary>One card queued for a platform: the conversation it goes to there and the incident it is about, in queue order.</summary>
    private sealed record QueuedCard(string Conversation, long? Incident);

    private static async Task<IReadOnlyList<QueuedCard>> QueuedCardsAsync(TeamsHost host, string platform)
    {
        var people = host.Roster.People.ToDictionary(person => person.Id, StringComparer.Ordinal);
        return
        [
            .. (await host.OutboxEntriesAsync())
                .Where(row => row.Platform == platform && row.Kind == OutboxWriter.MessageKind)
                .Select(row => OutboxWriter.Read(row.Payload))
                .Select(card => new QueuedCard(
                    (platform, card.To.Kind) switch
                    {
                        (PlatformName.Slack, RecipientKind.Person) => FakeSlackServer.DirectChannelOf(people[card.To.Id].SlackUserId),
                        (PlatformName.Slack, _) => card.To.ChannelOn("C0INCIDENTS"),
                        (_, RecipientKind.Person) => TeamsActivities.PersonalConversationOf(people[card.To.Id]),
                        _ => card.To.ChannelOn(TeamsHost.IncidentsChannel),
                    },
                    ReplicaCluster.FirstIncidentNumber(card.Subject ?? ""))),
        ];
    }

    /// <summary>A post a platform accepted: where, about which incident, when.</summary>
    private sealed record Post(string Conversation, long? Incident, DateTimeOffset At)
    {
        public string What => $"the post about INC-{Incident} to {Conversation}";
    }

    /// <summary>The new messages each platform's fake accepted (not those an outage answered or held), in the order they arrived.</summary>
    private static List<Post> Delivered(TeamsHost host, string platform) => platform == PlatformName.Slack
        ? [.. host.Slack!.CallsTo("chat.postMessage").Where(call => !call.Outage).Select(call => new Post(call["channel"]!, ReplicaCluster.FirstIncidentNumber(call.Body), call.At))]
        : [.. host.Connector.CallsTo(FakeBotConnector.Operation.Send).Where(call => !call.Outage).Select(call => new Post(call.ConversationId!, ReplicaCluster.FirstIncidentNumber(call.Body), call.At))];

    /// <summary>The outage of one platform's fake, and the calls it answered with the failure (or left hanging).</summary>
    private sealed class Outage(TeamsHost host, string platform, Failure failure)
    {
        public IReadOnlyList<(DateTimeOffset At, string What)> Calls => platform == PlatformName.Slack
            ? [.. host.Slack!.Calls.Where(call => call.Outage).Select(call => (call.At, call.Method))]
            : [.. host.Connector.Calls.Where(call => call.Outage).Select(call => (call.At, call.RawPath))];

        public void Begin()
        {
            switch (platform, failure)
            {
                case (PlatformName.Slack, Failure.ServerError):
                    host.Slack!.FailWith(new FakeResponse(500, """{"ok":false,"error":"fatal_error"}"""));
                    break;
                case (PlatformName.Slack, _):
                    host.Slack!.Stall(_ => true);
                    break;
                case (_, Failure.ServerError):
                    host.Connector.FailWith(FakeBotConnector.Answer.Error(500, "ServiceError", "The Bot Connector failed."));
                    break;
                default:
                    host.Connector.Hang();
                    break;
            }
        }

        public void End()
        {
            if (platform == PlatformName.Slack) host.Slack!.Recover();
            else host.Connector.Recover();
        }
    }
}
