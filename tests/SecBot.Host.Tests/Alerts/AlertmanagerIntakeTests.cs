using System.Net;
using System.Text.Json.Nodes;
using SecBot.Domain.Incidents;
using SecBot.Host.Tests.Slack;
using SecBot.Host.Tests.Support;

namespace SecBot.Host.Tests.Alerts;

/// <summary>Alertmanager webhook notifications over HTTP into the real host.</summary>
public sealed class AlertmanagerIntakeTests
{
    [Fact]
    public async Task A_grouped_notification_opens_one_incident_per_fingerprint_and_resolved_alerts_resolve_them()
    {
        await using var host = await AlertHost.StartAsync();

        using var firing = await host.NotifyAsync(AlertBodies.Notification(("fp1", "firing", "DiskFull"), ("fp2", "firing", "HighLoad"), ("fp3", "firing", "Down")));
        using var repeated = await host.NotifyAsync(AlertBodies.Notification(("fp1", "firing", "DiskFull")));
        using var resolved = await host.NotifyAsync(AlertBodies.Notification(("fp1", "resolved", "DiskFull"), ("fp3", "resolved", "Down")));

        Assert.Equal([HttpStatusCode.OK, HttpStatusCode.OK, HttpStatusCode.OK], new[] { firing.StatusCode, repeated.StatusCode, resolved.StatusCode });
        Assert.Equal(3, (int)JsonNode.Parse(await firing.Content.ReadAsStringAsync())!["alerts"]!);
        var incidents = await host.IncidentsAsync();
        Assert.Equal(["DiskFull on db1", "HighLoad on db1", "Down on db1"], incidents.Select(i => i.Title));
        Assert.Equal([IncidentState.Resolved, IncidentState.Open, IncidentState.Resolved], incidents.Select(i => i.State));
        Assert.All(incidents, i => Assert.Equal("alert:Alertmanager", i.DeclaredBy));
        Assert.Equal("alert:Alertmanager", incidents[0].ResolvedBy);
        var announcement = await host.Slack.WaitForAsync("chat.postMessage", p => p["channel"] == SlackHost.IncidentsChannel);
        Assert.Contains("http://prometheus.example:9090/graph?g0.expr=up", announcement.Body, StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_routing_key_may_come_in_the_query()
    {
        await using var host = await AlertHost.StartAsync();

        using var response = await host.NotifyAsync(AlertBodies.Notification(("fp1", "firing", "DiskFull")), bearer: null, query: $"?routing_key={AlertBodies.AlertmanagerKey}");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Single(await host.IncidentsAsync());
    }

    [Theory]
    [InlineData(null)]
    [InlineData("wrong-key-00000000000000000")]
    public async Task A_missing_or_unknown_key_is_401_before_the_body_is_read(string? bearer)
    {
        await using var host = await AlertHost.StartAsync();

        using var response = await host.NotifyAsync("this body is never read", bearer);

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
        Assert.Contains("routing key", (string?)JsonNode.Parse(await response.Content.ReadAsStringAsync())!["error"], StringComparison.Ordinal);
        Assert.Empty(await host.IncidentsAsync());
    }

    [Fact]
    public async Task A_notification_it_cannot_read_is_400_naming_the_problem_and_writes_nothing()
    {
        await using var host = await AlertHost.StartAsync();
        var body = JsonNode.Parse(AlertBodies.Notification(("fp1", "firing", "DiskFull"), ("fp2", "firing", "HighLoad")))!;
        body["alerts"]![1]!["status"] = "pending";

        using var response = await host.NotifyAsync(body.ToJsonString());

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Contains("alerts[1].status must be firing or resolved", (string?)JsonNode.Parse(await response.Content.ReadAsStringAsync())!["error"], StringComparison.Ordinal);
        Assert.Empty(await host.IncidentsAsync());
        Assert.Empty(await host.OutboxEntriesAsync());
    }
}
