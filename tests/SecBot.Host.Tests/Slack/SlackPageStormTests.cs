using System.Diagnostics;
using System.Net;
using SecBot.Chat.Incidents;
using SecBot.Chat.Tests.Support;
using SecBot.Domain.Incidents;
using SecBot.Host.Tests.Support;
using SecBot.Testing.Slack;
using RosterModel = SecBot.Domain.Roster.Roster;

namespace SecBot.Host.Tests.Slack;

/// <summary>
/// Storm control and the declare limit through the real host over HTTP, with the fake Slack recording every DM (a DM
/// channel per user). Who is paged is read from the stored pages or worked out from the policy, never named.
/// </summary>
public sealed class SlackPageStormTests
{
    private static readonly DateTimeOffset Start = new(2026, 3, 2, 9, 0, 0, TimeSpan.Zero);

    [Fact]
    public async Task Past_the_limit_a_persons_pages_arrive_as_one_digest_when_its_timer_fires_and_status_shows_every_held_page()
    {
        var clock = new WatchedClock(Start);
        await using var slack = await SlackHost.StartOnClockAsync(
            clock, s => s.DirectChannelPerUser = true, "--SecBot:Delivery:PageStorm:Pages=2", "--SecBot:Delivery:PageStorm:Window=5m");
        var declarers = Roster(slack).People.Take(4).ToList();
        for (var i = 0; i < declarers.Count; i++)
        {
            using var declared = await slack.CommandAsync($"declare Customer report {i + 1} type:customer", declarers[i].SlackUserId);
            Assert.Equal(HttpStatusCode.OK, declared.StatusCode);
            Assert.Contains($"INC-{i + 1} declared", await declared.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        }

        await slack.WaitForOutboxDrainedAsync();
        var first = (await slack.IncidentsAsync())[0];
        var paged = first.Pages.Select(p => p.PersonId).Distinct().ToList();
        Assert.Equal(2, paged.Count);
        foreach (var person in paged) Assert.Equal(2, PostsTo(slack, person).Count);
        var digests = (await slack.Store.TimersAsync()).Where(t => t.Kind == PageStorm.DigestTimerKind).ToList();
        Assert.Equal(paged.Order(), digests.Select(t => t.Payload!).Order());
        Assert.All(digests, t => Assert.Equal(Start + TimeSpan.FromMinutes(5), t.DueAt));

        await clock.AdvanceWhenAsleepUntilAsync(Start + TimeSpan.FromMinutes(5), "the timer clock to sleep until the digests");

        foreach (var person in paged)
        {
            var channel = DmOf(slack, person);
            var digest = await slack.Slack.WaitForAsync("chat.postMessage", c => c["channel"] == channel && c.Body.Contains("Page digest", StringComparison.Ordinal));
            Assert.Contains("Page digest: 2 held pages on 2 incidents", digest.Body, StringComparison.Ordinal);
            Assert.Contains("ack INC-3", digest.Body, StringComparison.Ordinal);
            Assert.Contains("ack INC-4", digest.Body, StringComparison.Ordinal);
        }

        await slack.WaitForOutboxDrainedAsync();
        foreach (var person in paged) Assert.Equal(3, PostsTo(slack, person).Count);
        using var status = await slack.CommandAsync("status INC-4");
        var shown = await status.Content.ReadAsStringAsync();
        Assert.Contains("held for their digest", shown, StringComparison.Ordinal);
        Assert.Contains("sent in their digest", shown, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_flood_of_declares_from_one_person_makes_five_incidents_and_a_real_declare_meanwhile_pages_its_on_call_person_within_5_seconds()
    {
        // A one-hour window, so however slowly this machine sends the flood, only the limit is allowed.
        await using var slack = await SlackHost.StartAsync(s => s.DirectChannelPerUser = true, "--SecBot:Limits:Declares:Window=01:00:00");
        var roster = Roster(slack);
        var flooder = roster.People.First(p => roster.RolesHeldBy(p.Id, slack.Now).Contains("SocEngineer", StringComparer.OrdinalIgnoreCase));
        var reporter = roster.People.First(p => p.Id != flooder.Id);
        var allowed = new DeclareLimitOptions().PerPerson;
        var pagesBeforeDigest = new PageStormOptions().Pages;

        using var senders = new SemaphoreSlim(16);
        var sent = 0;
        var flood = Enumerable.Range(0, 200).Select(async i =>
        {
            await senders.WaitAsync();
            try
            {
                using var response = await slack.CommandAsync($"declare Customer complaint {i} type:customer", flooder.SlackUserId);
                Interlocked.Increment(ref sent);
                return (response.StatusCode, Body: await response.Content.ReadAsStringAsync());
            }
            finally
            {
                senders.Release();
            }
        }).ToList();
        while (Volatile.Read(ref sent) < 50) await Task.Delay(TimeSpan.FromMilliseconds(5), TimeProvider.System);

        var requestedAt = slack.Now;
        var stopwatch = Stopwatch.StartNew();
        using var real = await slack.CommandAsync("declare Beacon to a known C2 host", reporter.SlackUserId);
        var realKey = IncidentKey.Format(long.Parse(
            System.Text.RegularExpressions.Regex.Match(await real.Content.ReadAsStringAsync(), @"INC-(\d+) declared").Groups[1].Value,
            System.Globalization.CultureInfo.InvariantCulture));
        var onCall = Assert.Single(OnCallPolicy.PagedAt(slack.Host.App.Services, "L1", "general", requestedAt));
        var page = await slack.Slack.WaitForAsync(
            "chat.postMessage",
            c => c["channel"] == FakeSlackServer.DirectChannelOf(onCall.SlackUserId) && c.Body.Contains(realKey, StringComparison.Ordinal),
            TimeSpan.FromSeconds(5));
        Assert.True(page.At - requestedAt < TimeSpan.FromSeconds(5), $"the page reached its person {page.At - requestedAt} after the request");
        Assert.True(stopwatch.Elapsed < TimeSpan.FromSeconds(6));

        var answers = await Task.WhenAll(flood);
        await slack.WaitForOutboxDrainedAsync();
        Assert.All(answers, a => Assert.Equal(HttpStatusCode.OK, a.StatusCode));
        Assert.Equal(200 - allowed, answers.Count(a => a.Body.Contains("Not declared: at most 5 declares per person", StringComparison.Ordinal)));
        var incidents = await slack.IncidentsAsync();
        var flooded = incidents.Where(i => i.DeclaredBy == flooder.Id).ToList();
        Assert.Equal(allowed, flooded.Count);
        Assert.Single(incidents, i => i.DeclaredBy == reporter.Id);
        // Nothing lost: every flooded incident paged its manager and lead, and each got one DM per incident, at most the storm limit and a digest.
        foreach (var person in flooded.SelectMany(i => i.Pages).Select(p => p.PersonId).Distinct())
        {
            var toThem = PostsTo(slack, person).Count(c => flooded.Any(i => c.Body.Contains(i.Key, StringComparison.Ordinal)));
            Assert.InRange(toThem, 1, pagesBeforeDigest + 1);
            Assert.Equal(flooded.Count(i => i.Pages.Any(p => p.PersonId == person)), Math.Min(toThem, pagesBeforeDigest));
        }
    }

    private static RosterModel Roster(SlackHost slack) => slack.Host.App.Services.GetRequiredService<RosterModel>();

    private static string DmOf(SlackHost slack, string personId) => FakeSlackServer.DirectChannelOf(Roster(slack).PersonById(personId)!.SlackUserId);

    private static List<RecordedCall> PostsTo(SlackHost slack, string personId) =>
        [.. slack.Slack.CallsTo("chat.postMessage").Where(c => c["channel"] == DmOf(slack, personId))];
}
