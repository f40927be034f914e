namespace SecBot.Host.Metrics;

/// <summary>
/// <c>SecBot:Metrics</c>: the Prometheus endpoint <c>/metrics</c>. It answers anyone who can reach the service (no key,
/// not the console's loopback rule), so scrape it on an internal network; turn it off where that cannot be arranged.
/// </summary>
public sealed class MetricsOptions
{
    public const string SectionName = "SecBot:Metrics";

    public bool Enabled { get; set; } = true;
}
