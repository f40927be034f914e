using Microsoft.AspNetCore.Diagnostics.HealthChecks;

namespace SecBot.Host.Health;

public static class HealthEndpoints
{
    public const string ReadyTag = "ready";

    /// <summary>
    /// <c>/healthz</c>: the process serves. <c>/readyz</c>: and its dependencies (the database) answer; its JSON body also
    /// details what is undelivered (<see cref="DeliveryHealthCheck"/>), which degrades it but never makes it unready.
    /// </summary>
    public static IEndpointRouteBuilder MapHealthEndpoints(this IEndpointRouteBuilder endpoints)
    {
        endpoints.MapHealthChecks("/healthz", new HealthCheckOptions { Predicate = _ => false });
        endpoints.MapHealthChecks("/readyz", new HealthCheckOptions { Predicate = check => check.Tags.Contains(ReadyTag), ResponseWriter = HealthReportJson.WriteAsync });
        return endpoints;
    }
}
