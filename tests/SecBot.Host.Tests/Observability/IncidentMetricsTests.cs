using Microsoft.Extensions.Time.Testing;
using SecBot.Host.Metrics;
using SecBot.Host.Tests.GateApi;
using SecBot.Host.Tests.Incidents;
using SecBot.Host.Tests.Support;
using SecBot.Storage.Incidents;

namespace SecBot.Host.Tests.Observability;

/// <summary>What incidents and gates do, as <c>/metrics</c> shows it over the real host: each fact counted once, when it commits.</summary>
[Collection(MetricsCollection.Name)]
public sealed class IncidentMetricsTests
{
    private static readonly DateTimeOffset Start = new(2026, 3, 2, 9, 0, 0, TimeSpan.Zero);
    private static readonly TimeSpan L1AckTimeout = TimeSpan.FromMinutes(7);

    [Fact]
    public async Task Declare_acknowledge_escalate_and_resolve_are_counted_once_each_with_the_time_to_acknowledge()
    {
        using var dir = new TempDirectory();
        var clock = new FakeTimeProvider(Start);
        await using var host = await RunningHost.StartAsync(PolicyFile.WriteCopy(dir), dir.File("secbot.db"), clock);

        await host.SayAsync("sam", "declare Beacon to a known C2 host");
        var paged = await OnCallPolicy.PagedAsync(host.App.Services, 1, "L1");
        clock.Advance(TimeSpan.FromSeconds(90));
        await host.SayAsync(paged[0].Id, "ack INC-1");
        await host.SayAsync(paged[0].Id, "escalate INC-1 needs a senior");
        var scrape = await MetricsScrape.OfAsync(host.Http);

        var incident = await host.App.Services.GetRequiredService<IncidentRepository>().LoadAsync(1, CancellationToken.None);
        Assert.Equal(1, scrape.Value("secbot_incidents_declared_total", ("level", "L1"), ("type", "general")));
        Assert.Equal(incident!.Pages.Count, scrape.Sum("secbot_pages_sent_total"));
        Assert.Equal(incident.Pages.Count(p => p.Level == "L2"), scrape.Sum("secbot_pages_sent_total", ("level", "L2")));
        Assert.Equal(1, scrape.Value("secbot_incidents_time_to_acknowledge_seconds_count", ("level", "L1"), ("type", "general")));
        Assert.Equal(90, scrape.Value("secbot_incidents_time_to_acknowledge_seconds_sum", ("level", "L1"), ("type", "general")));
        Assert.Equal(0, scrape.Value("secbot_incidents_time_to_acknowledge_seconds_bucket", ("level", "L1"), ("le", "60")));
        Assert.Equal(1, scrape.Value("secbot_incidents_time_to_acknowledge_seconds_bucket", ("level", "L1"), ("le", "120")));
        Assert.Equal(1, scrape.Value("secbot_escalations_total", ("trigger", "manual"), ("level", "L2")));
        Assert.Empty(scrape.Matching("secbot_escalations_total", ("trigger", "automatic")));
        Assert.Equal(1, scrape.Value("secbot_incidents_open", ("level", "L2"), ("type", "general")));

        await host.SayAsync(paged[0].Id, "resolve INC-1 contained");
        clock.Advance(StoreGauges.FreshFor);
        var resolved = await MetricsScrape.OfAsync(host.Http);

        Assert.Equal(1, resolved.Value("secbot_incidents_resolved_total", ("level", "L2"), ("type", "general")));
        Assert.Empty(resolved.Matching("secbot_incidents_open"));
        Assert.Equal(1, resolved.Sum("secbot_incidents_declared_total"));
        Assert.Equal(1, resolved.Sum("secbot_incidents_time_to_acknowledge_seconds_count"));
    }

    [Fact]
    public async Task An_escalation_by_the_clock_counts_as_automatic()
    {
        using var dir = new TempDirectory();
        var clock = new WatchedClock(Start);
        var settings = PolicyFile.WriteCopy(dir, root => root["SecBot"]!["Escalation"]!["Levels"]!.AsArray()[0]!["AckTimeout"] = L1AckTimeout.ToString());
        await using var host = await RunningHost.StartAsync(settings, dir.File("secbot.db"), clock);
        var database = new DatabaseFile(dir.File("secbot.db"));

        await host.SayAsync("sam", "declare Beacon to a known C2 host");
        var repage = Assert.Single(await database.TimersOfAsync("INC-1"));
        await clock.AdvanceWhenAsleepUntilAsync(repage.Due, "the clock to sleep until the re-page");
        await DatabaseFile.WaitUntilAsync(async () => (await database.TimersOfAsync("INC-1")).Count == 2, "the re-page");
        var escalation = (await database.TimersOfAsync("INC-1"))[1];
        await clock.AdvanceWhenAsleepUntilAsync(escalation.Due, "the clock to sleep until the escalation");
        await DatabaseFile.WaitUntilAsync(async () => (await database.IncidentAsync(1)).Level == "L2", "the automatic escalation to L2");
        var scrape = await MetricsScrape.OfAsync(host.Http);

        Assert.Equal(1, scrape.Value("secbot_escalations_total", ("trigger", "automatic"), ("level", "L2")));
        Assert.Empty(scrape.Matching("secbot_escalations_total", ("trigger", "manual")));
        var pages = (await database.IncidentAsync(1)).Pages;
        Assert.Equal(pages.Count, scrape.Sum("secbot_pages_sent_total"));
        Assert.Empty(scrape.Matching("secbot_incidents_time_to_acknowledge_seconds_count"));
        Assert.Equal(clock.GetUtcNow().ToUnixTimeMilliseconds() / 1000.0, scrape.Value("secbot_clock_last_pass_timestamp_seconds"));
    }

    [Fact]
    public async Task A_sign_off_is_counted_by_its_decision()
    {
        using var dir = new TempDirectory();
        await using var host = await RunningHost.StartAsync(PolicyFile.WriteCopy(dir), dir.File("secbot.db"), new FakeTimeProvider(Start));
        var who = GateReviewers.Of(host.App.Services, Start);

        await host.SayAsync(who.Requester.Id, $"review {who.Type} Payments API v2");
        await host.SayAsync(who.Reviewer.Id, "approve REV-1");
        var scrape = await MetricsScrape.OfAsync(host.Http);

        Assert.Equal(1, scrape.Value("secbot_signoffs_total", ("kind", "signoff"), ("decision", "approve")));
        Assert.Empty(scrape.Matching("secbot_signoffs_total", ("decision", "reject")));
    }
}
