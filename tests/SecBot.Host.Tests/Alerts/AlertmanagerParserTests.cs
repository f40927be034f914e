using System.Text;
using System.Text.Json.Nodes;
using SecBot.Chat.Alerts;
using SecBot.Host.Alerts;

namespace SecBot.Host.Tests.Alerts;

public sealed class AlertmanagerParserTests
{
    private static AlertmanagerParse Parse(string body) => AlertmanagerParser.Parse(Encoding.UTF8.GetBytes(body));

    [Fact]
    public void Each_alert_becomes_one_event_keyed_by_its_fingerprint()
    {
        var parsed = Parse(AlertBodies.Notification(("fp1", "firing", "DiskFull"), ("fp2", "resolved", "HighLoad")));

        Assert.True(parsed.IsValid);
        Assert.Equal([("fp1", AlertAction.Trigger), ("fp2", AlertAction.Resolve)], parsed.Alerts.Select(a => (a.DedupKey, a.Action)));
        var first = parsed.Alerts[0];
        Assert.Equal(("DiskFull on db1", "critical"), (first.Title, first.Severity));
        Assert.Equal("alertname=DiskFull, instance=db1:9100, severity=critical", first.Details);
        Assert.Equal(["http://prometheus.example:9090/graph?g0.expr=up", "http://alertmanager.example:9093"], first.Links.Select(l => l.Url));
    }

    [Fact]
    public void Without_annotations_the_title_is_the_alert_name_and_an_unknown_severity_is_none()
    {
        var body = JsonNode.Parse(AlertBodies.Notification(("fp1", "firing", "DiskFull")))!;
        body["alerts"]![0]!["annotations"] = new JsonObject();
        body["alerts"]![0]!["labels"]!["severity"] = "page";

        var alert = Assert.Single(Parse(body.ToJsonString()).Alerts);

        Assert.Equal(("DiskFull", null), (alert.Title, alert.Severity));
    }

    [Theory]
    [InlineData("""{"version":"3","alerts":[]}""", "version must be \"4\"")]
    [InlineData("""{"version":"4"}""", "alerts is missing")]
    [InlineData("""{"version":"4","alerts":[{"status":"firing"}]}""", "alerts[0].fingerprint must be 1 to 255 characters")]
    [InlineData("""{"version":"4","alerts":[{"status":"pending","fingerprint":"a"}]}""", "alerts[0].status must be firing or resolved")]
    [InlineData("""{"version":"4","alerts":[{"status":"firing","fingerprint":"a","labels":{"x":1}}]}""", "'alerts[0].labels.x' could not be read")]
    [InlineData("""{"version":"4","alerts":[null]}""", "alerts[0] is not an alert object")]
    [InlineData("not json", "not valid JSON")]
    public void What_cannot_be_read_is_named_and_nothing_is_accepted(string body, string error)
    {
        var parsed = Parse(body);

        Assert.Empty(parsed.Alerts);
        Assert.Contains(parsed.Errors, e => e.Contains(error, StringComparison.Ordinal));
    }

    [Fact]
    public void One_bad_alert_refuses_the_whole_notification()
    {
        var body = JsonNode.Parse(AlertBodies.Notification(("fp1", "firing", "DiskFull"), ("fp2", "firing", "HighLoad")))!;
        body["alerts"]![1]!["fingerprint"] = "";

        var parsed = Parse(body.ToJsonString());

        Assert.False(parsed.IsValid);
        Assert.Empty(parsed.Alerts);
    }
}
