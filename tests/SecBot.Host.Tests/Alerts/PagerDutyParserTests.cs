using System.Text;
using System.Text.Json.Nodes;
using SecBot.Chat.Alerts;
using SecBot.Host.Alerts;

namespace SecBot.Host.Tests.Alerts;

public sealed class PagerDutyParserTests
{
    private static PagerDutyParse Parse(string body) => PagerDutyParser.Parse(Encoding.UTF8.GetBytes(body), () => "generated-key");

    [Fact]
    public void A_full_trigger_is_read_with_its_links_severity_and_details()
    {
        var parsed = Parse(AlertBodies.Trigger());

        Assert.True(parsed.IsValid);
        var alert = parsed.Alert!;
        Assert.Equal((AlertAction.Trigger, "disk-full-db1", "Disk full on db1", "warning"), (alert.Action, alert.DedupKey, alert.Title, alert.Severity));
        Assert.Equal((AlertBodies.PagerDutyKey, "Grafana", false), (parsed.RoutingKey, parsed.SourceName, parsed.DedupKeyGenerated));
        Assert.Equal(
            ["https://grafana.example/alerting/db1", "https://grafana.example/d/db1", "https://grafana.example/render/db1.png"],
            alert.Links.Select(l => l.Url));
        Assert.Equal(["Grafana", "Disk dashboard", "Disk graph"], alert.Links.Select(l => l.Text));
        Assert.Equal("""source db1.prod, component postgres, group prod-db, class disk, details {"free":"0%"}""", alert.Details);
    }

    [Fact]
    public void A_trigger_without_a_dedup_key_gets_one()
    {
        var parsed = Parse(AlertBodies.Trigger(dedupKey: null));

        Assert.Equal(("generated-key", true), (parsed.Alert!.DedupKey, parsed.DedupKeyGenerated));
    }

    [Theory]
    [InlineData("acknowledge", AlertAction.Acknowledge)]
    [InlineData("resolve", AlertAction.Resolve)]
    public void Acknowledge_and_resolve_need_only_the_routing_and_dedup_keys(string action, AlertAction expected)
    {
        var parsed = Parse(AlertBodies.Follow(action, "disk-full-db1"));

        Assert.Equal((expected, "disk-full-db1"), (parsed.Alert!.Action, parsed.Alert.DedupKey));
    }

    [Fact]
    public void Acknowledge_without_a_dedup_key_is_refused_naming_it()
    {
        var parsed = Parse("""{"routing_key":"k","event_action":"acknowledge"}""");

        Assert.Contains(parsed.Errors, e => e.Contains("'dedup_key' is missing", StringComparison.Ordinal));
    }

    // Found by the HTTP fuzz test: custom_details is kept as raw JSON, whose strings are not checked as UTF-8 when read,
    // and reading its text then threw (a 500).
    [Theory]
    [InlineData("\"", "\"")]
    [InlineData("{\"ping time\":\"15", "00ms\"}")]
    public void A_trigger_whose_custom_details_are_not_valid_UTF_8_is_refused_naming_them(string before, string after)
    {
        var parts = AlertBodies.Trigger().Split("{\"free\":\"0%\"}");
        byte[] body = [.. Encoding.UTF8.GetBytes(parts[0] + before), 0xFF, 0xC3, .. Encoding.UTF8.GetBytes(after + parts[1])];

        var parsed = PagerDutyParser.Parse(body, () => "generated-key");

        Assert.False(parsed.IsValid);
        Assert.Contains(parsed.Errors, e => e.Contains("'payload.custom_details'", StringComparison.Ordinal) && e.Contains("UTF-8", StringComparison.Ordinal));
    }

    [Fact]
    public void Every_missing_field_of_a_trigger_is_named_at_once()
    {
        var parsed = Parse("""{"event_action":"trigger","payload":{"severity":"urgent"}}""");

        Assert.False(parsed.IsValid);
        Assert.Null(parsed.Alert);
        Assert.Equal(
            ["'routing_key' is missing.", "'payload.summary' is missing.", "'payload.source' is missing.", "'payload.severity' must be one of critical, error, warning, info."],
            parsed.Errors);
    }

    [Theory]
    [InlineData("""{"routing_key":"k","event_action":"explode","dedup_key":"x"}""", "'event_action' must be trigger, acknowledge or resolve.")]
    [InlineData("""{"routing_key":"k","event_action":"trigger"}""", "'payload' is missing")]
    [InlineData("""{"routing_key":"k","event_action":"trigger","payload":{"summary":5}}""", "'payload.summary' (line 1) could not be read")]
    [InlineData("""[1,2]""", "The body is not a PagerDuty event")]
    [InlineData("""null""", "expected a JSON object")]
    [InlineData("""{"routing_key":""", "could not be read")]
    public void What_cannot_be_read_is_named(string body, string error)
    {
        var parsed = Parse(body);

        Assert.Null(parsed.Alert);
        Assert.Contains(parsed.Errors, e => e.Contains(error, StringComparison.Ordinal));
    }

    [Fact]
    public void A_summary_over_1024_characters_and_a_dedup_key_over_255_are_refused()
    {
        var parsed = Parse(AlertBodies.Trigger(dedupKey: new string('k', 256), summary: new string('s', 1025)));

        Assert.Contains("'dedup_key' must be 1 to 255 characters, not all blank.", parsed.Errors);
        Assert.Contains("'payload.summary' is longer than 1024 characters.", parsed.Errors);
    }

    [Theory]
    [InlineData("javascript:alert(1)")]
    [InlineData("/relative")]
    [InlineData("ftp://files.example/x")]
    public void Links_that_are_not_web_urls_are_refused(string href)
    {
        var body = JsonNode.Parse(AlertBodies.Trigger())!;
        body["links"] = new JsonArray(new JsonObject { ["href"] = href });

        var parsed = Parse(body.ToJsonString());

        Assert.Contains("'links[0].href' must be an absolute http or https URL.", parsed.Errors);
    }
}
