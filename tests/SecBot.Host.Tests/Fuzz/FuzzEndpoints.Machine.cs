using System.Net;
using System.Text;
using System.Text.Json.Nodes;
using Microsoft.Extensions.Options;
using SecBot.Domain.Policy;
using SecBot.Testing;

namespace SecBot.Host.Tests.Fuzz;

/// <summary>
/// The rows of the machine endpoints: alert intake (PagerDuty Events v2, Alertmanager with the routing key as a Bearer
/// token or in the query) and the Gate API. Their seeds are the published examples in tests/fixtures/alerts and gate
/// requests as contract.md "Gate API" writes them; <see cref="FuzzEndpoint.Fresh"/> puts <see cref="FuzzHost.RoutingKey"/>
/// and a new dedup key and title into each, so that the dedup does not answer most of them as repeats without reading them.
/// </summary>
internal static partial class FuzzEndpoints
{
    private const string AlertmanagerByBearer = "/alerts/alertmanager";
    private const string AlertmanagerByQuery = "/alerts/alertmanager?routing_key=" + FuzzHost.RoutingKey;

    private static IReadOnlyList<byte[]> PagerDutyEvents(FuzzHost host) =>
        [.. new[] { "pagerduty.events-v2.trigger.json", "pagerduty.events-v2.acknowledge.json", "pagerduty.events-v2.resolve.json" }.Select(FixtureFolder.Alerts.Bytes)];

    private static IReadOnlyList<byte[]> AlertmanagerNotifications(FuzzHost host) => [FixtureFolder.Alerts.Bytes("alertmanager.webhook-v4.firing.json")];

    // One request per gate type the policy has, as the contract's example writes it, and one with both optional links.
    private static IReadOnlyList<byte[]> GateRequests(FuzzHost host)
    {
        var types = host.Host.App.Services.GetRequiredService<IOptions<PolicyOptions>>().Value.Reviews.GateTypes.Select(t => t.Id).ToList();
        var requests = types.Select(type => new JsonObject { ["type"] = type, ["title"] = "payments v2.3", ["requested_by"] = host.Sender.Id }).ToList();
        requests.Add(new JsonObject
        {
            ["type"] = types[0],
            ["title"] = "payments v2.3",
            ["requested_by"] = host.Sender.Id,
            ["details_url"] = "https://ci.example.com/runs/42",
            ["callback_url"] = "https://ci.example.com/hooks/secbot",
        });
        return [.. requests.Select(r => Encoding.UTF8.GetBytes(r.ToJsonString()))];
    }

    private static byte[] FreshPagerDutyEvent(byte[] body, int n)
    {
        var node = JsonNode.Parse(body)!.AsObject();
        node["routing_key"] = FuzzHost.RoutingKey;
        node["dedup_key"] = $"fuzz-{n}-{Guid.NewGuid():N}";
        if (node["payload"] is JsonObject payload) payload["summary"] = $"Fuzzed alert {n}";
        return Encoding.UTF8.GetBytes(node.ToJsonString());
    }

    private static byte[] FreshAlertmanagerNotification(byte[] body, int n)
    {
        var node = JsonNode.Parse(body)!.AsObject();
        foreach (var alert in node["alerts"]!.AsArray().OfType<JsonObject>())
        {
            alert["fingerprint"] = $"fuzz{n}{Guid.NewGuid():N}";
            if (alert["annotations"] is JsonObject annotations) annotations["summary"] = $"Fuzzed alert {n}";
        }

        return Encoding.UTF8.GetBytes(node.ToJsonString());
    }

    private static byte[] FreshGateRequest(byte[] body, int n)
    {
        var node = JsonNode.Parse(body)!.AsObject();
        node["title"] = $"fuzzed release {n}";
        return Encoding.UTF8.GetBytes(node.ToJsonString());
    }

    private static async Task ServesAPagerDutyTriggerAsync(FuzzHost host)
    {
        var title = $"Live alert {Guid.NewGuid():N}";
        var trigger = FreshPagerDutyEvent(FixtureFolder.Alerts.Bytes("pagerduty.events-v2.trigger.json"), 0);
        var node = JsonNode.Parse(trigger)!.AsObject();
        node["payload"]!["summary"] = title;
        using var response = await PostJsonAsync(host, "/alerts/v2/enqueue", node, bearer: null);
        Assert.Equal(HttpStatusCode.Accepted, response.StatusCode);
        await host.Teams.Slack!.WaitForAsync("chat.postMessage", c => c.Body.Contains(title, StringComparison.Ordinal));
    }

    private static async Task ServesAnAlertmanagerNotificationAsync(FuzzHost host, string path)
    {
        var title = $"Live alert {Guid.NewGuid():N}";
        var notification = JsonNode.Parse(FreshAlertmanagerNotification(FixtureFolder.Alerts.Bytes("alertmanager.webhook-v4.firing.json"), 0))!.AsObject();
        notification["alerts"]![0]!["annotations"]!["summary"] = title;
        using var response = await PostJsonAsync(host, path, notification, path == AlertmanagerByBearer ? FuzzHost.RoutingKey : null);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        await host.Teams.Slack!.WaitForAsync("chat.postMessage", c => c.Body.Contains(title, StringComparison.Ordinal));
    }

    private static async Task ServesAGateRequestAsync(FuzzHost host)
    {
        var request = JsonNode.Parse(FreshGateRequest(GateRequests(host)[0], 0))!.AsObject();
        var title = $"live release {Guid.NewGuid():N}";
        request["title"] = title;
        using var response = await PostJsonAsync(host, "/api/gates", request, FuzzHost.ApiKey);
        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        Assert.Equal(title, (string?)JsonNode.Parse(await response.Content.ReadAsStringAsync())!["title"]);
    }

    private static async Task<HttpResponseMessage> PostJsonAsync(FuzzHost host, string path, JsonObject body, string? bearer)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, new Uri(path, UriKind.Relative)) { Content = new StringContent(body.ToJsonString(), Encoding.UTF8, Json) };
        if (bearer is not null) FuzzHost.AuthorizeWith(request, bearer);
        return await host.Host.Http.SendAsync(request);
    }
}
