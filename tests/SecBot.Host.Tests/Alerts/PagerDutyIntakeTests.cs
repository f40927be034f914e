using System.Net;
using System.Text.Json.Nodes;
using SecBot.Chat.Alerts;
using SecBot.Chat.Tests.Support;
using SecBot.Domain.Incidents;
using SecBot.Host.Tests.Slack;
using SecBot.Host.Tests.Support;
using SecBot.Storage.Alerts;

namespace SecBot.Host.Tests.Alerts;

/// <summary>PagerDuty Events v2 over HTTP into the real host: incidents opened, deduplicated, acknowledged and resolved by the sender.</summary>
public sealed class PagerDutyIntakeTests
{
    [Fact]
    public async Task A_trigger_opens_an_incident_pages_the_on_call_person_and_links_back_from_the_announcement()
    {
        await using var host = await AlertHost.StartAsync();

        using var response = await host.EnqueueAsync(AlertBodies.Trigger());

        Assert.Equal(HttpStatusCode.Accepted, response.StatusCode);
        var body = JsonNode.Parse(await response.Content.ReadAsStringAsync())!;
        Assert.Equal(("success", "Event processed", "disk-full-db1"), ((string?)body["status"], (string?)body["message"], (string?)body["dedup_key"]));
        var incident = Assert.Single(await host.IncidentsAsync());
        Assert.Equal(("Disk full on db1", "general", "L1", "alert:Grafana"), (incident.Title, incident.Type, incident.Level, incident.DeclaredBy));
        var onCall = await OnCallPolicy.PagedAsync(host.Host.App.Services, incident.Number, "L1");
        Assert.Equal(onCall.Select(p => p.Id), incident.Pages.Select(p => p.PersonId));

        var posts = await host.Slack.WaitForAsync("chat.postMessage", 2);
        var announcement = Assert.Single(posts, p => p["channel"] == SlackHost.IncidentsChannel);
        Assert.Contains("https://grafana.example/alerting/db1", announcement.Body, StringComparison.Ordinal);
        Assert.Contains("https://grafana.example/d/db1", announcement.Body, StringComparison.Ordinal);
        Assert.Contains(posts, p => p["channel"] != SlackHost.IncidentsChannel);
        var timeline = await host.IncidentEventsAsync();
        Assert.Contains(timeline, e => e.Kind == AlertIntake.TriggeredEvent && e.Detail.Contains("https://grafana.example/d/db1", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Repeats_of_an_open_key_count_on_the_timeline_and_page_nobody()
    {
        await using var host = await AlertHost.StartAsync();
        using (var first = await host.EnqueueAsync(AlertBodies.Trigger())) Assert.Equal(HttpStatusCode.Accepted, first.StatusCode);
        await host.WaitForOutboxDrainedAsync();
        var before = (await host.OutboxEntriesAsync()).Count;

        var repeats = await Task.WhenAll(Enumerable.Range(0, 20).Select(_ => host.EnqueueAsync(AlertBodies.Trigger())));

        Assert.All(repeats, r => Assert.Equal(HttpStatusCode.Accepted, r.StatusCode));
        var incident = Assert.Single(await host.IncidentsAsync());
        Assert.Equal(before, (await host.OutboxEntriesAsync()).Count);
        var counted = (await host.IncidentEventsAsync()).Where(e => e.Kind == AlertIntake.RepeatedEvent).ToList();
        Assert.NotEmpty(counted);
        Assert.All(counted, e => Assert.EndsWith("; nobody paged", e.Detail, StringComparison.Ordinal));
        var key = Assert.Single(await new AlertKeyRepository().ListAsync(host.Store, Host.Alerts.AlertRoutes.KeySpaceOf(AlertBodies.PagerDutyKey), CancellationToken.None));
        Assert.Equal((incident.Number, 20L, true), (key.IncidentId, key.Repeats, key.IncidentOpen));
        Assert.Contains("(20 repeats since it opened)", counted[^1].Detail, StringComparison.Ordinal);
        foreach (var r in repeats) r.Dispose();
    }

    [Fact]
    public async Task Acknowledge_and_resolve_act_as_the_alert_source_and_a_new_trigger_then_opens_a_new_incident()
    {
        await using var host = await AlertHost.StartAsync();
        using var trigger = await host.EnqueueAsync(AlertBodies.Trigger(dedupKey: null));
        var dedupKey = (string)JsonNode.Parse(await trigger.Content.ReadAsStringAsync())!["dedup_key"]!;
        Assert.Equal(32, dedupKey.Length);

        using var ack = await host.EnqueueAsync(AlertBodies.Follow("acknowledge", dedupKey));
        var acknowledged = Assert.Single(await host.IncidentsAsync());
        using var resolve = await host.EnqueueAsync(AlertBodies.Follow("resolve", dedupKey));
        var resolved = Assert.Single(await host.IncidentsAsync());
        using var again = await host.EnqueueAsync(AlertBodies.Trigger(dedupKey));

        Assert.Equal([HttpStatusCode.Accepted, HttpStatusCode.Accepted, HttpStatusCode.Accepted], new[] { ack.StatusCode, resolve.StatusCode, again.StatusCode });
        Assert.Equal((IncidentState.Acknowledged, "alert:PagerDuty Events v2"), (acknowledged.State, acknowledged.AcknowledgedBy));
        Assert.Equal((IncidentState.Resolved, "alert:PagerDuty Events v2"), (resolved.State, resolved.ResolvedBy));
        var incidents = await host.IncidentsAsync();
        Assert.Equal([IncidentState.Resolved, IncidentState.Open], incidents.Select(i => i.State));
        var timeline = await host.IncidentEventsAsync();
        Assert.Contains(timeline, e => e.Kind == IncidentEventKinds.Acknowledged && e.Actor == "alert:PagerDuty Events v2");
        Assert.Contains(timeline, e => e.Kind == IncidentEventKinds.Resolved && e.Actor == "alert:PagerDuty Events v2");
    }

    [Fact]
    public async Task An_aws_alert_resolved_by_its_source_opens_the_runbook_review_requested_by_the_person_paged_not_by_the_source()
    {
        const string AwsKey = "aws-routing-key-00000000000001";
        await using var host = await AlertHost.StartAsync($"--SecBot:Alerts:RoutingKeys:{AwsKey}:Type=aws");

        using var trigger = await host.EnqueueAsync(AlertBodies.Trigger("guardduty-1", routingKey: AwsKey));
        using var resolve = await host.EnqueueAsync(AlertBodies.Follow("resolve", "guardduty-1", routingKey: AwsKey));

        Assert.Equal((HttpStatusCode.Accepted, HttpStatusCode.Accepted), (trigger.StatusCode, resolve.StatusCode));
        var incident = Assert.Single(await host.IncidentsAsync());
        Assert.Equal((IncidentState.Resolved, "alert:PagerDuty Events v2"), (incident.State, incident.ResolvedBy));
        var gate = Assert.Single(await host.Store.GatesAsync());
        Assert.Equal(("runbook-update", incident.Pages[0].PersonId), (gate.Type, gate.RequestedBy));
        Assert.Contains(await host.IncidentEventsAsync(), e => e.Kind == Chat.Reviews.ReviewCommands.ReviewOpenedEvent);
    }

    [Fact]
    public async Task Acknowledging_a_key_nobody_triggered_is_accepted_and_changes_nothing()
    {
        await using var host = await AlertHost.StartAsync();

        using var response = await host.EnqueueAsync(AlertBodies.Follow("resolve", "never-seen"));

        Assert.Equal(HttpStatusCode.Accepted, response.StatusCode);
        Assert.Empty(await host.IncidentsAsync());
    }

    [Theory]
    [InlineData("unknown-routing-key-000000000", "'routing_key' is not a routing key SecBot knows")]
    [InlineData(AlertBodies.PagerDutyKey, "'payload.severity' must be one of critical, error, warning, info.")]
    public async Task A_bad_event_is_answered_400_invalid_event_naming_the_problem_and_writes_nothing(string routingKey, string error)
    {
        await using var host = await AlertHost.StartAsync();

        using var response = await host.EnqueueAsync(AlertBodies.Trigger(routingKey: routingKey, severity: routingKey == AlertBodies.PagerDutyKey ? "dire" : "info"));

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        var body = JsonNode.Parse(await response.Content.ReadAsStringAsync())!;
        Assert.Equal("invalid event", (string?)body["status"]);
        Assert.Contains(body["errors"]!.AsArray(), e => ((string?)e)!.Contains(error, StringComparison.Ordinal));
        Assert.Empty(await host.IncidentsAsync());
        Assert.Empty(await host.OutboxEntriesAsync());
    }

    [Fact]
    public async Task Severity_raises_the_start_level_only_when_the_policy_setting_says_so()
    {
        await using var host = await AlertHost.StartAsync("--SecBot:Alerts:SeverityLevels:critical=L3");

        using var warning = await host.EnqueueAsync(AlertBodies.Trigger("a", severity: "warning"));
        using var critical = await host.EnqueueAsync(AlertBodies.Trigger("b", severity: "critical"));

        Assert.Equal(["L1", "L3"], (await host.IncidentsAsync()).Select(i => i.Level));
    }
}
