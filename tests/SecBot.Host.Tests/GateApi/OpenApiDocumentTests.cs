using System.Net;
using System.Text.Json.Nodes;
using SecBot.Host.Tests.Slack;

namespace SecBot.Host.Tests.GateApi;

/// <summary>/openapi.json: the machine endpoints only, the Gate API's operations and shapes, and its bearer key.</summary>
public sealed class OpenApiDocumentTests
{
    [Fact]
    public async Task The_document_describes_the_gate_API_with_its_schemas_and_bearer_scheme_and_nothing_of_chat_or_health()
    {
        await using var slack = await SlackHost.StartAsync(null, GateApiClient.Settings());

        using var response = await slack.Host.Http.GetAsync(new Uri("/openapi.json", UriKind.Relative));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var document = JsonNode.Parse(await response.Content.ReadAsStringAsync())!;
        Assert.StartsWith("3.", (string?)document["openapi"], StringComparison.Ordinal);
        var paths = document["paths"]!.AsObject();
        Assert.All(paths, path => Assert.True(path.Key.StartsWith("/api/", StringComparison.Ordinal) || path.Key.StartsWith("/alerts/", StringComparison.Ordinal), path.Key));
        Assert.DoesNotContain("/api/messages", paths.Select(p => p.Key));

        var open = paths["/api/gates"]!["post"]!;
        var read = paths["/api/gates/{id}"]!["get"]!;
        Assert.Equal(["post"], paths["/api/gates"]!.AsObject().Select(p => p.Key));
        Assert.Equal(["get"], paths["/api/gates/{id}"]!.AsObject().Where(p => p.Key != "parameters").Select(p => p.Key));
        Assert.Equal("#/components/schemas/OpenGateBody", (string?)open["requestBody"]!["content"]!["application/json"]!["schema"]!["$ref"]);
        Assert.Equal("#/components/schemas/GateResource", (string?)open["responses"]!["201"]!["content"]!["application/json"]!["schema"]!["$ref"]);
        Assert.Equal("#/components/schemas/GateResource", (string?)read["responses"]!["200"]!["content"]!["application/json"]!["schema"]!["$ref"]);
        foreach (var status in new[] { "400", "401", "429" })
        {
            Assert.Equal("#/components/schemas/ErrorBody", (string?)open["responses"]![status]!["content"]!["application/json"]!["schema"]!["$ref"]);
        }

        Assert.NotNull(read["responses"]!["404"]);
        var wait = Assert.Single(read["parameters"]!.AsArray(), p => (string?)p!["name"] == "wait")!;
        Assert.Equal("query", (string?)wait["in"]);
        Assert.Equal("integer", (string?)wait["schema"]!["type"]);

        var schemas = document["components"]!["schemas"]!;
        Assert.Equal(
            ["id", "type", "title", "state", "revision", "stage", "seats", "url"],
            schemas["GateResource"]!["properties"]!.AsObject().Select(p => p.Key));
        Assert.Equal(["seat", "required", "stage", "signed_by", "decision"], schemas["SeatResource"]!["properties"]!.AsObject().Select(p => p.Key));
        Assert.Equal(["type", "title", "requested_by", "details_url", "callback_url"], schemas["OpenGateBody"]!["properties"]!.AsObject().Select(p => p.Key));
        Assert.Equal(["error"], schemas["ErrorBody"]!["properties"]!.AsObject().Select(p => p.Key));

        var bearer = document["components"]!["securitySchemes"]!["bearer"]!;
        Assert.Equal("http", (string?)bearer["type"]);
        Assert.Equal("bearer", (string?)bearer["scheme"]);
        foreach (var operation in new[] { open, read })
        {
            Assert.Contains(operation["security"]!.AsArray(), requirement => requirement!.AsObject().ContainsKey("bearer"));
        }
    }

    [Fact]
    public async Task The_document_describes_both_alert_endpoints_with_their_request_and_answer_schemas()
    {
        await using var slack = await SlackHost.StartAsync(null, GateApiClient.Settings());

        using var response = await slack.Host.Http.GetAsync(new Uri("/openapi.json", UriKind.Relative));

        var document = JsonNode.Parse(await response.Content.ReadAsStringAsync())!;
        var paths = document["paths"]!.AsObject();
        var enqueue = paths["/alerts/v2/enqueue"]!["post"]!;
        Assert.Equal("EnqueuePagerDutyEvent", (string?)enqueue["operationId"]);
        Assert.Equal("#/components/schemas/PagerDutyEvent", (string?)enqueue["requestBody"]!["content"]!["application/json"]!["schema"]!["$ref"]);
        Assert.NotNull(enqueue["responses"]!["202"]);
        Assert.NotNull(enqueue["responses"]!["400"]);

        var alertmanager = paths["/alerts/alertmanager"]!["post"]!;
        Assert.Equal("ReceiveAlertmanagerNotification", (string?)alertmanager["operationId"]);
        Assert.Equal("#/components/schemas/AlertmanagerNotification", (string?)alertmanager["requestBody"]!["content"]!["application/json"]!["schema"]!["$ref"]);
        foreach (var status in new[] { "200", "400", "401" }) Assert.NotNull(alertmanager["responses"]![status]);
    }
}
