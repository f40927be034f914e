using System.Text.Json;
using System.Text.RegularExpressions;
using SecBot.Host.Tests.Observability;
using SecBot.Host.Tests.Support;

namespace SecBot.Host.Tests.Manifests;

/// <summary>
/// manifests/prometheus/alerts.yaml and manifests/grafana/secbot-dashboard.json against Prometheus' own tool and a real
/// scrape: the rules are valid and fire as their cases say, the scrape passes <c>promtool check metrics</c>, and the
/// dashboard queries no metric the scrape lacks.
/// </summary>
public sealed partial class PrometheusManifestTests(ScrapeAfterTraffic traffic) : IClassFixture<ScrapeAfterTraffic>
{
    private const string Rules = "manifests/prometheus/alerts.yaml";
    private const string RuleCases = "tests/SecBot.Host.Tests/Manifests/alerts.test.yaml";
    private static readonly string Dashboard = Path.Combine(RepoPaths.Root, "manifests", "grafana", "secbot-dashboard.json");

    [Fact]
    public async Task The_alert_rules_pass_promtool_check_rules()
    {
        var (exitCode, output) = await Promtool.RunAsync(null, "check", "rules", Rules);

        Assert.True(exitCode == 0, output);
        Assert.Contains("SUCCESS", output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_alert_rules_fire_for_a_stopped_clock_a_growing_outbox_and_dead_letters_as_their_cases_say()
    {
        var (exitCode, output) = await Promtool.RunAsync(null, "test", "rules", RuleCases);

        Assert.True(exitCode == 0, output);
        Assert.Contains("SUCCESS", output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_real_scrape_after_traffic_passes_promtool_check_metrics()
    {
        var (exitCode, output) = await Promtool.RunAsync(traffic.Scrape.Text, "check", "metrics");

        Assert.True(exitCode == 0, output + "\n--- the scrape:\n" + traffic.Scrape.Text);
    }

    [Fact]
    public void Every_metric_the_alert_rules_use_is_in_a_real_scrape()
    {
        var used = MetricNames(File.ReadAllText(Path.Combine(RepoPaths.Root, Rules))).Where(name => name != "up").ToList();

        Assert.NotEmpty(used);
        Assert.Empty(used.Except(traffic.Scrape.Names));
    }

    [Fact]
    public void The_dashboard_parses_and_every_metric_it_queries_is_in_a_real_scrape()
    {
        using var dashboard = JsonDocument.Parse(File.ReadAllText(Dashboard));
        var root = dashboard.RootElement;
        var queries = PanelQueries(root)
            .Append(root.GetProperty("templating").GetProperty("list")[1].GetProperty("definition").GetString()!)
            .ToList();
        var used = queries.SelectMany(MetricNames).Distinct(StringComparer.Ordinal).ToList();

        Assert.Equal("secbot-overview", root.GetProperty("uid").GetString());
        Assert.True(queries.Count >= 20, $"{queries.Count} queries");
        Assert.Empty(used.Except(traffic.Scrape.Names));
        foreach (var required in new[]
        {
            "secbot_incidents_declared_total", "secbot_incidents_open", "secbot_pages_sent_total", "secbot_incidents_time_to_acknowledge_seconds_bucket",
            "secbot_escalations_total", "secbot_signoffs_total", "secbot_outbox_pending", "secbot_outbox_oldest_pending_age_seconds",
            "secbot_outbox_dead_letters", "secbot_timers_parked", "http_server_request_duration_seconds_bucket", "secbot_platform_api_errors_total",
            "secbot_writer_batch_size_bucket",
        })
        {
            Assert.Contains(required, used);
        }
    }

    [Fact]
    public void The_dashboard_takes_the_max_of_the_store_gauges_across_replicas_and_leaves_the_event_streams_out_of_latency()
    {
        using var dashboard = JsonDocument.Parse(File.ReadAllText(Dashboard));
        var queries = PanelQueries(dashboard.RootElement).ToList();

        // Every replica reports the whole database's counts: a sum would count each open incident or message once per replica.
        var storeGauges = queries.SelectMany(query => StoreGauge().Matches(query)).ToList();
        Assert.Equal(7, storeGauges.Count);
        Assert.All(storeGauges, gauge => Assert.Equal("max", gauge.Groups["aggregation"].Value));
        var latency = Assert.Single(queries, query => query.Contains("http_server_request_duration_seconds_bucket", StringComparison.Ordinal));
        Assert.Contains("http_route!~\".*/stream\"", latency, StringComparison.Ordinal);
    }

    private static IEnumerable<string> PanelQueries(JsonElement root) =>
        root.GetProperty("panels").EnumerateArray()
            .Where(panel => panel.TryGetProperty("targets", out _))
            .SelectMany(panel => panel.GetProperty("targets").EnumerateArray().Select(target => target.GetProperty("expr").GetString()!));

    /// <summary>A store gauge with the aggregation directly around it.</summary>
    [GeneratedRegex(@"(?<aggregation>\w+)(\s+by\s*\([^)]*\))?\s*\(\s*(?<gauge>secbot_(incidents_open|outbox_pending|outbox_retrying|outbox_oldest_pending_age_seconds|outbox_dead_letters|timers_parked|timers_overdue))\b")]
    private static partial Regex StoreGauge();

    /// <summary>The metric names in a PromQL text: the words that name a SecBot or HTTP server series, and <c>up</c>.</summary>
    private static IEnumerable<string> MetricNames(string promql) =>
        MetricName().Matches(promql).Select(match => match.Value).Distinct(StringComparer.Ordinal);

    [GeneratedRegex(@"\b(secbot_[a-z0-9_]+|http_server_[a-z0-9_]+|up)\b(?=\s*[\[{)])")]
    private static partial Regex MetricName();
}
