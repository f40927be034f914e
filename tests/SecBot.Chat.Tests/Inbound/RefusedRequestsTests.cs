using System.Diagnostics.Metrics;
using Microsoft.Extensions.Diagnostics.Metrics.Testing;
using Microsoft.Extensions.Logging.Testing;
using Microsoft.Extensions.Time.Testing;
using SecBot.Chat.Inbound;
using SecBot.Chat.Telemetry;

namespace SecBot.Chat.Tests.Inbound;

public sealed class RefusedRequestsTests : IDisposable
{
    private readonly FakeTimeProvider _time = new(new DateTimeOffset(2026, 3, 2, 9, 0, 0, TimeSpan.Zero));
    private readonly FakeLogger<RefusedRequests> _logger = new();
    private readonly TestMeters _meters = new();

    [Fact]
    public void Every_refusal_is_counted_by_its_cause()
    {
        var refused = new RefusedRequests(_time, _logger, _meters.Factory);
        using var collector = new MetricCollector<long>(_meters.Factory, SecBotMeter.Name, "secbot.requests.refused");

        refused.Report("slack-signature", "no X-Slack-Signature header");
        refused.Report("slack-signature", "no X-Slack-Signature header");
        refused.Report("body-too-large", "2 MiB to /slack/events");

        var measurements = collector.GetMeasurementSnapshot();
        Assert.Equal(2, measurements.Where(m => Equals(m.Tags["cause"], "slack-signature")).Sum(m => m.Value));
        Assert.Equal(1, measurements.Where(m => Equals(m.Tags["cause"], "body-too-large")).Sum(m => m.Value));
    }

    [Fact]
    public void A_flood_of_one_cause_is_logged_once_a_minute_with_its_count()
    {
        var refused = new RefusedRequests(_time, _logger, _meters.Factory);

        for (var i = 0; i < 500; i++) refused.Report("slack-signature", "bad signature");
        _time.Advance(TimeSpan.FromSeconds(59));
        refused.Report("slack-signature", "bad signature");
        Assert.Equal(1, _logger.Collector.Count);

        _time.Advance(TimeSpan.FromSeconds(1));
        refused.Report("slack-signature", "bad signature");

        var lines = _logger.Collector.GetSnapshot();
        Assert.Equal(2, lines.Count);
        Assert.Contains("1 refused for this cause", lines[0].Message, StringComparison.Ordinal);
        Assert.Contains("501 refused for this cause", lines[1].Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Each_cause_has_its_own_minute()
    {
        var refused = new RefusedRequests(_time, _logger, _meters.Factory);

        refused.Report("slack-signature", "bad signature");
        refused.Report("teams-token", "expired token");
        refused.Report("teams-token", "expired token");

        Assert.Equal(["slack-signature", "teams-token"], _logger.Collector.GetSnapshot().Select(line => line.StructuredState!.Single(kv => kv.Key == "Cause").Value));
    }

    public void Dispose() => _meters.Dispose();

    /// <summary>Meters of this test only, so another test's counts never reach its collector.</summary>
    private sealed class TestMeters : IMeterFactory
    {
        private readonly List<Meter> _meters = [];

        public IMeterFactory Factory => this;

        public Meter Create(MeterOptions options)
        {
            var meter = new Meter(options.Name, options.Version, options.Tags, scope: this);
            _meters.Add(meter);
            return meter;
        }

        public void Dispose()
        {
            foreach (var meter in _meters) meter.Dispose();
        }
    }
}
