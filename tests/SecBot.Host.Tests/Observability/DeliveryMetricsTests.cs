using System.Net;
using Microsoft.Extensions.Time.Testing;
using SecBot.Host.Clock;
using SecBot.Host.Metrics;
using SecBot.Host.Tests.Slack;
using SecBot.Host.Tests.Support;
using SecBot.Testing.Slack;

namespace SecBot.Host.Tests.Observability;

/// <summary>The outbox, the platforms' API errors, the clock and the endpoint itself, as <c>/metrics</c> shows them over the real host.</summary>
[Collection(MetricsCollection.Name)]
public sealed class DeliveryMetricsTests
{
    private static readonly DateTimeOffset Start = new(2026, 3, 2, 9, 0, 0, TimeSpan.Zero);

    [Fact]
    public async Task Slack_errors_are_counted_by_code_and_the_messages_given_up_on_show_as_dead_letters()
    {
        await using var slack = await SlackHost.StartAsync(s => s.Script("chat.postMessage", FakeResponse.Error("invalid_auth"), FakeResponse.Error("invalid_auth")));

        using var declared = await slack.CommandAsync("declare Suspicious login");
        var counts = await slack.WaitForOutboxDrainedAsync();
        var scrape = await MetricsScrape.OfAsync(slack.Host.Http);

        Assert.Equal(2, counts.Dead);
        Assert.Equal(2, scrape.Value("secbot_platform_api_errors_total", ("platform", "slack"), ("operation", "chat.postMessage"), ("code", "invalid_auth")));
        Assert.Equal(2, scrape.Value("secbot_outbox_dead_lettered_total", ("platform", "slack")));
        Assert.Equal(2, scrape.Value("secbot_outbox_dead_letters", ("platform", "slack")));
        Assert.Equal(0, scrape.Value("secbot_outbox_pending", ("platform", "slack")));
        Assert.Equal(0, scrape.Value("secbot_outbox_oldest_pending_age_seconds", ("platform", "slack")));
    }

    [Fact]
    public async Task A_stopped_clock_shows_as_overdue_timers()
    {
        using var dir = new TempDirectory();
        var clock = new FakeTimeProvider(Start);
        await using var host = await RunningHost.StartAsync(PolicyFile.WriteCopy(dir), dir.File("secbot.db"), clock);
        await host.SayAsync("sam", "declare Beacon to a known C2 host");
        var before = await MetricsScrape.OfAsync(host.Http);

        await host.App.Services.GetRequiredService<TimerClock>().StopAsync(CancellationToken.None);
        clock.Advance(TimeSpan.FromHours(1));
        var after = await MetricsScrape.OfAsync(host.Http);

        Assert.Equal(0, before.Value("secbot_timers_overdue"));
        Assert.Equal(1, after.Value("secbot_timers_overdue"));
        Assert.Equal(0, after.Value("secbot_timers_parked"));
    }

    [Fact]
    public async Task The_store_is_read_again_only_once_the_last_reading_is_a_few_seconds_old()
    {
        using var dir = new TempDirectory();
        var clock = new FakeTimeProvider(Start);
        await using var host = await RunningHost.StartAsync(PolicyFile.WriteCopy(dir), dir.File("secbot.db"), clock);
        var empty = await MetricsScrape.OfAsync(host.Http);

        await host.SayAsync("sam", "declare Beacon to a known C2 host");
        var cached = await MetricsScrape.OfAsync(host.Http);
        clock.Advance(StoreGauges.FreshFor);
        var fresh = await MetricsScrape.OfAsync(host.Http);

        Assert.Empty(empty.Matching("secbot_incidents_open"));
        Assert.Empty(cached.Matching("secbot_incidents_open"));
        Assert.Equal(1, cached.Sum("secbot_incidents_declared_total"));
        Assert.Equal(1, fresh.Value("secbot_incidents_open", ("level", "L1"), ("type", "general")));
    }

    [Fact]
    public async Task Requests_are_timed_by_route_and_metrics_answer_with_the_console_off()
    {
        await using var slack = await SlackHost.StartAsync();

        using var ready = await slack.Host.Http.GetAsync(new Uri("/readyz", UriKind.Relative));
        using var console = await slack.Host.Http.GetAsync(new Uri("/", UriKind.Relative));
        var scrape = await MetricsScrape.OfAsync(slack.Host.Http);

        Assert.Equal(HttpStatusCode.NotFound, console.StatusCode);
        Assert.Equal(1, scrape.Value("http_server_request_duration_seconds_count", ("http_route", "/readyz"), ("http_request_method", "GET")));
        Assert.Contains(scrape.Matching("http_server_request_duration_seconds_bucket", ("http_route", "/readyz")), s => s.Labels["le"] == "+Inf");
    }

    [Fact]
    public async Task Metrics_turned_off_are_not_served()
    {
        using var dir = new TempDirectory();
        await using var host = await RunningHost.StartAsync(PolicyFile.WriteCopy(dir), dir.File("secbot.db"), "--SecBot:Metrics:Enabled=false");

        using var metrics = await host.Http.GetAsync(new Uri("/metrics", UriKind.Relative));

        Assert.Equal(HttpStatusCode.NotFound, metrics.StatusCode);
    }
}
