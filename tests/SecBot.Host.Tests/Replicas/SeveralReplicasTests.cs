using System.Diagnostics;
using System.Globalization;
using System.Text.Json.Nodes;
using SecBot.Domain.Incidents;
using SecBot.Storage.Delivery;
using SecBot.Storage.Tests.Support;
using Xunit.Abstractions;

namespace SecBot.Host.Tests.Replicas;

/// <summary>
/// Issue 14's multi-replica test: three SecBot processes on one PostgreSQL database behind the fake Slack. The policy's
/// first level times out after a few seconds, so while declares are still arriving their re-pages and escalations come
/// due and are fired by whichever replica gets there first; the next level's timeout is an hour, so each incident ends
/// the run at the second level. What each incident should have paged is read from the policy and the database, never
/// from who is on call in the shipped roster.
/// </summary>
[Collection(PostgresCollection.Name)]
public sealed class SeveralReplicasTests(PostgresFixture postgres, ITestOutputHelper output)
{
    private const int Replicas = 3;
    private const int Declares = 1_000;
    private const int InFlight = 12;
    private static readonly TimeSpan AckTimeout = TimeSpan.FromSeconds(5);
    private static readonly TimeSpan ClaimLease = TimeSpan.FromSeconds(10);

    /// <summary>The killed run sends a declare every this often: 1,000 over about 15 s, three ack timeouts.</summary>
    private static readonly TimeSpan KilledRunPace = TimeSpan.FromMilliseconds(15);

    /// <summary>The contract's bound on a dead replica's work being taken over (contract.md, "Several replicas").</summary>
    private static readonly TimeSpan TakeOver = TimeSpan.FromSeconds(30);

    /// <summary>Generous: two cores run three hosts, PostgreSQL, the fake Slack and the test.</summary>
    private static readonly TimeSpan Settles = TimeSpan.FromMinutes(5);

    [Fact]
    public async Task A_thousand_declares_over_three_replicas_make_a_thousand_incidents_and_every_page_arrives_once()
    {
        await using var cluster = await StartAsync();
        var run = new ReplicaRun(cluster, InFlight);

        await run.DeclareAsync([.. Enumerable.Range(1, Declares)], CancellationToken.None);

        Assert.Empty(run.Unanswered);
        Assert.Equal(Declares, run.Answered.Values.Distinct().Count());
        var incidents = await SettledAsync(cluster);
        AssertEveryDeclareIsOneIncident(incidents, run);
        var ledger = await DeliveredAsync(cluster, incidents);
        Assert.Empty(ledger.Extra.Select(extra => extra.What));
        AssertEscalatedOnTime(incidents, cluster.Policy);
        AssertRepliesAndAnnouncementsOnce(cluster);
    }

    [Fact]
    public async Task A_replica_killed_mid_run_loses_nothing_duplicates_no_page_it_had_not_sent_and_its_due_escalations_fire_on_another()
    {
        await using var cluster = await StartAsync();
        var run = new ReplicaRun(cluster, InFlight);
        const int victim = 0;

        // Paced, so the run outlasts an ack timeout or two and the kill lands while declares still arrive.
        var declaring = run.DeclareAsync([.. Enumerable.Range(1, Declares)], CancellationToken.None, every: KilledRunPace);
        // Mid-run, with declares in flight and escalation timers already firing.
        await Until.TrueAsync(
            async () => run.AnsweredCount >= Declares / 2 && (await cluster.IncidentsAsync()).Any(incident => incident.Pages.Any(page => page.Attempt > 1)),
            Settles,
            () => $"half the declares answered ({run.AnsweredCount}) and a re-page fired");
        // Catch the victim mid-send: Slack takes its next post and never answers, so the victim dies holding a claimed
        // run whose first message Slack already has.
        var victimToken = "Bearer " + ReplicaCluster.BotTokenOf(victim);
        cluster.Slack.Stall(call => call.Authorization == victimToken && call.Method == "chat.postMessage");
        await Until.TrueAsync(() => Task.FromResult(cluster.Slack.Stalled.Count > 0), Settles, () => "the victim posting to Slack");
        run.TakeDown(victim);
        var answeredBeforeTheKill = run.AnsweredCount;
        var killedAt = TimeProvider.System.GetUtcNow();
        // A request the victim had already put on the wire may still be read by the fake a moment after it died.
        var goneAt = (await cluster.KillAsync(victim)).AddSeconds(1);
        await declaring;
        var declaredAgain = await run.DeclareUnansweredAgainAsync(CancellationToken.None);
        Assert.True(answeredBeforeTheKill < Declares, "the replica was killed after the last declare was answered");

        var incidents = await SettledAsync(cluster);
        AssertEveryDeclareIsOneIncident(incidents, run);
        var ledger = await DeliveredAsync(cluster, incidents);
        // A page the killed replica had sent but not yet recorded as sent is sent again by another once the claim's
        // lease runs out: that copy, and only that, may come twice.
        foreach (var (what, expected, posts) in ledger.Extra)
        {
            var byTheVictim = posts.Where(post => post.Authorization == victimToken).ToList();
            Assert.True(
                byTheVictim.Count > 0 && byTheVictim.All(post => post.At <= goneAt) && posts.Count - byTheVictim.Count <= expected,
                $"{what}: a duplicate not explained by the kill ({string.Join(", ", posts.Select(post => $"{post.Authorization} at {post.At:O}"))})");
        }
        // What the victim held is sent by another replica once its claim's lease has run out, within the take-over bound.
        var takenOver = cluster.Slack.Stalled
            .Select(stalled => cluster.Slack.Calls.Where(call => call.Authorization != victimToken && call.Method == stalled.Method && call.Body == stalled.Body).Min(call => (DateTimeOffset?)call.At))
            .ToList();
        Assert.All(takenOver, at => Assert.InRange(at ?? DateTimeOffset.MaxValue, killedAt, killedAt + TakeOver));
        var lateness = AssertEscalatedOnTime(incidents, cluster.Policy, firedAfter: killedAt);
        Assert.All(cluster.Slack.Calls.Where(call => call.At > goneAt), call => Assert.NotEqual(victimToken, call.Authorization));
        output.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"killed after {answeredBeforeTheKill} declares were answered, holding {takenOver.Count} unanswered post(s), sent again by another replica {string.Join(", ", takenOver.Select(at => $"{(at!.Value - killedAt).TotalSeconds:N1} s"))} after the kill; {run.Unanswered.Count} declares unanswered by the kill, {declaredAgain} of them not committed and declared again; {ledger.Extra.Count} pages sent twice across the kill; escalations due after the kill fired at most {lateness.TotalSeconds:N1} s late"));
    }

    private Task<ReplicaCluster> StartAsync() =>
        ReplicaCluster.StartAsync(
            postgres.Server,
            Replicas,
            policy =>
            {
                var levels = policy["SecBot"]!["Escalation"]!["Levels"]!.AsArray();
                levels[0]!["AckTimeout"] = AckTimeout.ToString("c", CultureInfo.InvariantCulture);
                levels[1]!["AckTimeout"] = "01:00:00";
            },
            ("SecBot:Delivery:ClaimLease", ClaimLease.ToString("c", CultureInfo.InvariantCulture)),
            ("SecBot:Database:LookAgainAfter", "00:00:00.5"));

    /// <summary>The incidents once every one has been escalated past the first level and the outbox is empty.</summary>
    private async Task<IReadOnlyList<Incident>> SettledAsync(ReplicaCluster cluster)
    {
        var secondLevel = Level(cluster.Policy, 1);
        var outbox = new OutboxRepository(cluster.Store);
        IReadOnlyList<Incident> incidents = [];
        var counts = new OutboxCounts(0, 0);
        var clock = Stopwatch.StartNew();
        await Until.TrueAsync(
            async () =>
            {
                incidents = await cluster.IncidentsAsync();
                counts = await outbox.CountAsync(CancellationToken.None);
                return incidents.Count >= Declares && incidents.All(incident => incident.Level == secondLevel) && counts.Pending == 0;
            },
            Settles,
            () => $"{incidents.Count(incident => incident.Level == secondLevel)} of {incidents.Count} incidents at {secondLevel} and the outbox drained "
                + $"({counts.Pending} pending, {counts.Dead} dead); the replicas said:{Environment.NewLine}"
                + string.Join(Environment.NewLine, cluster.Replicas.Select(replica => $"{replica.Name}:{Environment.NewLine}{replica.Output}")));
        output.WriteLine($"settled {clock.Elapsed.TotalSeconds:N1} s after the last declare");
        return incidents;
    }

    private static async Task<PageLedger> DeliveredAsync(ReplicaCluster cluster, IReadOnlyList<Incident> incidents)
    {
        PageLedger ledger = null!;
        await Until.TrueAsync(
            () => Task.FromResult((ledger = new PageLedger(incidents, cluster.Policy, cluster.Slack.Calls)).Complete),
            Settles,
            () => $"every page delivered; missing: {string.Join("; ", ledger.Missing.Take(10))}");
        return ledger;
    }

    private static void AssertEveryDeclareIsOneIncident(IReadOnlyList<Incident> incidents, ReplicaRun run)
    {
        Assert.Equal(Declares, incidents.Count);
        Assert.Equal(Enumerable.Range(1, Declares).Select(ReplicaRun.TitleOf).Order(StringComparer.Ordinal), incidents.Select(incident => incident.Title).Order(StringComparer.Ordinal));
        Assert.Equal(Declares, incidents.Select(incident => incident.Number).Distinct().Count());
        foreach (var incident in incidents)
        {
            if (run.Answered.TryGetValue(incident.Title, out var answered)) Assert.Equal(answered, incident.Number);
        }
    }

    /// <summary>
    /// Each incident's pages follow the policy: the first level paged, re-paged <c>Repages</c> times an ack timeout
    /// apart, then the second level paged an ack timeout later, each late by less than the take-over bound. Returns the
    /// worst lateness of a timer due after <paramref name="firedAfter"/>.
    /// </summary>
    private static TimeSpan AssertEscalatedOnTime(IReadOnlyList<Incident> incidents, JsonNode policy, DateTimeOffset? firedAfter = null)
    {
        var (first, second) = (Level(policy, 0), Level(policy, 1));
        var repages = (int)policy["SecBot"]!["Escalation"]!["Repages"]!;
        var worst = TimeSpan.Zero;
        foreach (var incident in incidents)
        {
            var firstAttempts = incident.Pages.Where(page => page.Level == first).GroupBy(page => page.Attempt).OrderBy(group => group.Key).ToList();
            Assert.Equal(Enumerable.Range(1, repages + 1), firstAttempts.Select(group => group.Key));
            var escalated = incident.Pages.Where(page => page.Level == second).ToList();
            Assert.NotEmpty(escalated);
            Assert.All(escalated, page => Assert.Equal(1, page.Attempt));
            var firings = firstAttempts.Select(group => group.Min(page => page.PagedAt)).Append(escalated.Min(page => page.PagedAt)).ToList();
            for (var i = 1; i < firings.Count; i++)
            {
                var due = firings[i - 1] + AckTimeout;
                var late = firings[i] - due;
                Assert.True(late >= TimeSpan.Zero, $"{incident.Key} fired {-late.TotalSeconds:N1} s before it was due");
                Assert.True(late < TakeOver, $"{incident.Key}'s timer due {due:O} fired {late.TotalSeconds:N1} s late");
                if (firedAfter is null || due > firedAfter) worst = late > worst ? late : worst;
            }
        }
        return worst;
    }

    /// <summary>No post is repeated word for word: not an announcement, not a page (a re-page reads differently from its page).</summary>
    private static void AssertRepliesAndAnnouncementsOnce(ReplicaCluster cluster)
    {
        var repeated = cluster.Slack.CallsTo("chat.postMessage")
            .GroupBy(call => call.Body, StringComparer.Ordinal)
            .Where(group => group.Count() > 1)
            .Select(group => $"{group.Count()}x {group.First().Body[..Math.Min(120, group.First().Body.Length)]}")
            .ToList();
        Assert.Empty(repeated);
    }

    private static string Level(JsonNode policy, int index) => (string)policy["SecBot"]!["Escalation"]!["Levels"]![index]!["Name"]!;
}
