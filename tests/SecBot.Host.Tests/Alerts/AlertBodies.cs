using System.Text.Json.Nodes;

namespace SecBot.Host.Tests.Alerts;

/// <summary>Alert bodies as the senders write them: PagerDuty Events v2 events and Alertmanager webhook notifications (version 4).</summary>
internal static class AlertBodies
{
    public const string PagerDutyKey = "pd-routing-key-0000000000000001";
    public const string AlertmanagerKey = "am-routing-key-0000000000000001";

    public static string Trigger(string? dedupKey = "disk-full-db1", string routingKey = PagerDutyKey, string summary = "Disk full on db1", string severity = "warning") =>
        new JsonObject
        {
            ["routing_key"] = routingKey,
            ["event_action"] = "trigger",
            ["dedup_key"] = dedupKey,
            ["payload"] = new JsonObject
            {
                ["summary"] = summary,
                ["source"] = "db1.prod",
                ["severity"] = severity,
                ["component"] = "postgres",
                ["group"] = "prod-db",
                ["class"] = "disk",
                ["custom_details"] = new JsonObject { ["free"] = "0%" },
            },
            ["links"] = new JsonArray(new JsonObject { ["href"] = "https://grafana.example/d/db1", ["text"] = "Disk dashboard" }),
            ["images"] = new JsonArray(new JsonObject { ["src"] = "https://grafana.example/render/db1.png", ["alt"] = "Disk graph" }),
            ["client"] = "Grafana",
            ["client_url"] = "https://grafana.example/alerting/db1",
        }.ToJsonString();

    public static string Follow(string action, string dedupKey, string routingKey = PagerDutyKey) =>
        new JsonObject { ["routing_key"] = routingKey, ["event_action"] = action, ["dedup_key"] = dedupKey }.ToJsonString();

    public static string Notification(params (string Fingerprint, string Status, string Name)[] alerts) =>
        new JsonObject
        {
            ["version"] = "4",
            ["groupKey"] = "{}:{alertname=\"DiskFull\"}",
            ["truncatedAlerts"] = 0,
            ["status"] = alerts.Any(a => a.Status == "firing") ? "firing" : "resolved",
            ["receiver"] = "secbot",
            ["groupLabels"] = new JsonObject(),
            ["commonLabels"] = new JsonObject(),
            ["commonAnnotations"] = new JsonObject(),
            ["externalURL"] = "http://alertmanager.example:9093",
            ["alerts"] = new JsonArray([.. alerts.Select(a => (JsonNode)new JsonObject
            {
                ["status"] = a.Status,
                ["labels"] = new JsonObject { ["alertname"] = a.Name, ["instance"] = "db1:9100", ["severity"] = "critical" },
                ["annotations"] = new JsonObject { ["summary"] = $"{a.Name} on db1" },
                ["startsAt"] = "2026-12-05T01:00:00Z",
                ["endsAt"] = a.Status == "resolved" ? "2026-12-05T01:05:00Z" : "0001-01-01T00:00:00Z",
                ["generatorURL"] = "http://prometheus.example:9090/graph?g0.expr=up",
                ["fingerprint"] = a.Fingerprint,
            })]),
        }.ToJsonString();
}
