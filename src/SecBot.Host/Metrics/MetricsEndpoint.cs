using Microsoft.Extensions.Options;
using OpenTelemetry;
using OpenTelemetry.Metrics;
using OpenTelemetry.Resources;
using SecBot.Chat.Telemetry;

namespace SecBot.Host.Metrics;

/// <summary>
/// <c>GET /metrics</c>: the <c>SecBot</c> meter and ASP.NET Core's request durations (<c>http_server_request_duration_seconds</c>
/// by route) in Prometheus text format, through OpenTelemetry's Prometheus exporter, which names instruments by
/// Prometheus' rules (units as suffixes, <c>_total</c> on counters). Off with <c>SecBot:Metrics:Enabled=false</c>.
/// </summary>
public static class MetricsEndpoint
{
    public const string Path = "/metrics";

    /// <summary>ASP.NET Core's meter for <c>http.server.request.duration</c>, which carries the matched route.</summary>
    public const string AspNetCoreHostingMeter = "Microsoft.AspNetCore.Hosting";

    /// <summary>The <c>service_name</c> of <c>target_info</c>.</summary>
    public const string ServiceName = "secbot";

    public static IServiceCollection AddSecBotMetrics(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddOptions<MetricsOptions>().Bind(configuration.GetSection(MetricsOptions.SectionName));
        services.AddSingleton<ClockHeartbeat>();
        services.AddSingleton<StoreGauges>();
        if (!configuration.GetValue(MetricsOptions.SectionName + ":" + nameof(MetricsOptions.Enabled), true)) return services;

        services.AddOpenTelemetry().ConfigureResource(resource => resource.AddService(ServiceName)).WithMetrics(metrics => metrics
            .AddMeter(SecBotMeter.Name, AspNetCoreHostingMeter)
            // Every scrape is answered fresh: the store's gauges have their own few seconds' cache (StoreGauges).
            .AddPrometheusExporter(exporter => exporter.ScrapeResponseCacheDurationMilliseconds = 0));
        return services;
    }

    public static IEndpointRouteBuilder MapMetrics(this IEndpointRouteBuilder endpoints)
    {
        ArgumentNullException.ThrowIfNull(endpoints);
        if (!endpoints.ServiceProvider.GetRequiredService<IOptions<MetricsOptions>>().Value.Enabled) return endpoints;

        var gauges = endpoints.ServiceProvider.GetRequiredService<StoreGauges>();
        endpoints.MapPrometheusScrapingEndpoint(
            Path,
            meterProvider: null,
            configureBranchedPipeline: branch => branch.Use(async (context, next) =>
            {
                // Read asynchronously here, so the exporter's synchronous gauge callbacks only read the snapshot.
                await gauges.RefreshAsync(context.RequestAborted);
                await next(context);
            }),
            optionsName: null);
        return endpoints;
    }
}
