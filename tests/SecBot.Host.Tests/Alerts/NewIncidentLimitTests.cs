using System.Net;
using System.Text.Json.Nodes;
using SecBot.Chat.Alerts;
using SecBot.Host.Tests.Support;

namespace SecBot.Host.Tests.Alerts;

/// <summary>New incidents per routing key are limited (429 with Retry-After); repeats of open alerts never are.</summary>
public sealed class NewIncidentLimitTests
{
    private static readonly string[] TwoPerHour = ["--SecBot:Alerts:NewIncidents:PerKey=2", "--SecBot:Alerts:NewIncidents:Window=01:00:00"];

    [Fact]
    public async Task PagerDuty_past_the_limit_is_429_with_Retry_After_while_repeats_stay_free_and_the_window_gives_room_back()
    {
        var clock = new WatchedClock(TimeProvider.System.GetUtcNow());
        await using var host = await AlertHost.StartOnClockAsync(clock, TwoPerHour);
        using (var one = await host.EnqueueAsync(AlertBodies.Trigger("one"))) Assert.Equal(HttpStatusCode.Accepted, one.StatusCode);
        using (var two = await host.EnqueueAsync(AlertBodies.Trigger("two"))) Assert.Equal(HttpStatusCode.Accepted, two.StatusCode);

        using var three = await host.EnqueueAsync(AlertBodies.Trigger("three"));
        var repeats = await Task.WhenAll(Enumerable.Range(0, 10).Select(_ => host.EnqueueAsync(AlertBodies.Trigger("one"))));

        Assert.Equal(HttpStatusCode.TooManyRequests, three.StatusCode);
        Assert.Equal(TimeSpan.FromHours(1), three.Headers.RetryAfter?.Delta);
        var body = JsonNode.Parse(await three.Content.ReadAsStringAsync())!;
        Assert.Equal("throttle event", (string?)body["status"]);
        Assert.Contains("SecBot:Alerts:NewIncidents", (string?)body["errors"]![0], StringComparison.Ordinal);
        Assert.All(repeats, r => Assert.Equal(HttpStatusCode.Accepted, r.StatusCode));
        Assert.Equal(2, (await host.IncidentsAsync()).Count);

        clock.Fake.Advance(TimeSpan.FromHours(1));
        using var later = await host.EnqueueAsync(AlertBodies.Trigger("three"));
        Assert.Equal(HttpStatusCode.Accepted, later.StatusCode);
        Assert.Equal(3, (await host.IncidentsAsync()).Count);
        foreach (var r in repeats) r.Dispose();
    }

    [Fact]
    public async Task Alertmanager_past_the_limit_is_429_with_Retry_After_and_records_none_of_the_notification()
    {
        await using var host = await AlertHost.StartAsync(TwoPerHour);

        using var response = await host.NotifyAsync(AlertBodies.Notification(("fp-1", "firing", "A"), ("fp-2", "firing", "B")));
        using var refused = await host.NotifyAsync(AlertBodies.Notification(("fp-1", "firing", "A"), ("fp-3", "firing", "C")));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal(HttpStatusCode.TooManyRequests, refused.StatusCode);
        Assert.NotNull(refused.Headers.RetryAfter?.Delta);
        Assert.Contains("at most 2 new incidents per", (string?)JsonNode.Parse(await refused.Content.ReadAsStringAsync())!["error"], StringComparison.Ordinal);
        Assert.Equal(["A on db1", "B on db1"], (await host.IncidentsAsync()).Select(i => i.Title).Order(StringComparer.Ordinal));
        Assert.DoesNotContain(await host.IncidentEventsAsync(), e => e.Kind == AlertIntake.RepeatedEvent);
    }

    [Theory]
    [InlineData("--SecBot:Alerts:NewIncidents:PerKey=0", "SecBot:Alerts:NewIncidents:PerKey")]
    [InlineData("--SecBot:Alerts:NewIncidents:Window=00:00:00", "SecBot:Alerts:NewIncidents:Window")]
    public async Task A_limit_that_allows_nothing_stops_the_start_naming_the_setting(string setting, string named)
    {
        var failure = await Assert.ThrowsAnyAsync<Exception>(() => AlertHost.StartAsync(setting));
        Assert.Contains(named, failure.ToString(), StringComparison.Ordinal);
    }
}
