using Microsoft.Extensions.Diagnostics.HealthChecks;
using SecBot.Storage.Database;

namespace SecBot.Host.Health;

/// <summary>Ready when the database answers and its schema is the one this build expects.</summary>
public sealed class DatabaseHealthCheck(StoreDatabase database) : IHealthCheck
{
    public async Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
    {
        var readiness = await database.PingAsync(cancellationToken);
        return readiness.IsReady
            ? HealthCheckResult.Healthy($"schema version {readiness.SchemaVersion}")
            : HealthCheckResult.Unhealthy(readiness.Problem);
    }
}
