using System.Net;
using System.Text.Json.Nodes;
using Microsoft.Extensions.DependencyInjection;
using SecBot.Chat.Alerts;
using SecBot.Domain.Incidents;
using SecBot.Host.Alerts;
using SecBot.Host.Tests.Slack;

namespace SecBot.Host.Tests.Alerts;

/// <summary>A title of only control characters is empty once shown: never answered with success while nothing is recorded.</summary>
public sealed class UnprintableTitleTests
{
    [Fact]
    public async Task A_PagerDuty_summary_of_only_control_characters_is_an_invalid_event_naming_payload_summary()
    {
        await using var host = await AlertHost.StartAsync();

        using var response = await host.EnqueueAsync(AlertBodies.Trigger(summary: "\u0007\u0001"));

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        var body = JsonNode.Parse(await response.Content.ReadAsStringAsync())!;
        Assert.Equal("invalid event", (string?)body["status"]);
        Assert.Contains(body["errors"]!.AsArray(), e => ((string?)e)!.Contains("'payload.summary'", StringComparison.Ordinal));
        Assert.Empty(await host.IncidentsAsync());
    }

    [Fact]
    public async Task An_Alertmanager_summary_of_only_control_characters_falls_back_to_the_alertname_then_the_fingerprint()
    {
        await using var host = await AlertHost.StartAsync();
        var notification = JsonNode.Parse(AlertBodies.Notification(("fp-one", "firing", "DiskFull"), ("fp-two", "firing", "\u0007")))!;
        foreach (var alert in notification["alerts"]!.AsArray()) alert!["annotations"]!["summary"] = "\u0007";

        using var response = await host.NotifyAsync(notification.ToJsonString());

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var titles = (await host.IncidentsAsync()).Select(i => i.Title).Order(StringComparer.Ordinal);
        Assert.Equal(["Alert fp-two", "DiskFull"], titles);
    }

    [Fact]
    public async Task An_alert_the_engine_refuses_fails_its_request_and_records_nothing()
    {
        await using var host = await AlertHost.StartAsync();
        var intake = host.Host.App.Services.GetRequiredService<AlertIntake>();
        var route = new AlertRoute(AlertRoutes.KeySpaceOf(AlertBodies.PagerDutyKey), new AlertSource("Test source"), "general", "L1");
        var titled = new AlertEvent(AlertAction.Trigger, "titled", "Disk full", null, "", []);
        var untitled = new AlertEvent(AlertAction.Trigger, "untitled", "", null, "", []);

        var refused = await Assert.ThrowsAsync<AlertRefusedException>(() => intake.SubmitAsync(route, [titled, untitled], CancellationToken.None));

        Assert.Equal("untitled", refused.DedupKey);
        Assert.Contains("title", refused.Refusal, StringComparison.Ordinal);
        Assert.Empty(await host.IncidentsAsync());
    }
}
