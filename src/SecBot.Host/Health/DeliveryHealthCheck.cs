using System.Globalization;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using SecBot.Storage;
using SecBot.Storage.Delivery;
using SecBot.Storage.Timers;

namespace SecBot.Host.Health;

/// <summary>
/// Part of <c>/readyz</c>: what SecBot has not delivered yet, per platform (backlog, age of the oldest pending message,
/// messages being retried with the newest failure, dead letters) and the timers it gave up on. Degraded while something
/// is being retried, was given up on or is parked, but never unhealthy: a chat platform that is down is not fixed by
/// restarting SecBot or taking it out of service, and meanwhile it still takes commands and acks and queues what it owes.
/// </summary>
public sealed class DeliveryHealthCheck(IStore store, OutboxBacklog backlog, TimerFailures timerFailures, TimeProvider time) : IHealthCheck
{
    public async Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
    {
        var (platforms, parked) = await store.ReadAsync(
            async connection => (await backlog.ListAsync(connection, cancellationToken), await timerFailures.CountParkedAsync(connection, cancellationToken)),
            cancellationToken);
        var now = time.GetUtcNow();
        var data = new Dictionary<string, object>(StringComparer.Ordinal)
        {
            ["pending"] = platforms.Sum(p => p.Pending),
            ["retrying"] = platforms.Sum(p => p.Retrying),
            ["oldestPendingSeconds"] = Seconds(platforms.Select(p => p.OldestPendingAge(now)).DefaultIfEmpty(TimeSpan.Zero).Max()),
            ["deadLetters"] = platforms.Sum(p => p.Dead),
            ["parkedTimers"] = parked,
        };
        foreach (var platform in platforms)
        {
            var about = new Dictionary<string, object>(StringComparer.Ordinal)
            {
                ["pending"] = platform.Pending,
                ["retrying"] = platform.Retrying,
                ["oldestPendingSeconds"] = Seconds(platform.OldestPendingAge(now)),
                ["deadLetters"] = platform.Dead,
            };
            if (platform.LastError is { } error) about["lastError"] = error;
            data[platform.Platform] = about;
        }

        var troubles = platforms.Where(p => p.Retrying > 0).Select(p => $"{p.Platform}: {Count(p.Retrying, "message")} being retried ({p.LastError})")
            .Concat(platforms.Where(p => p.Dead > 0).Select(p => $"{p.Platform}: {Count(p.Dead, "dead letter")}"))
            .Concat(parked > 0 ? [Count(parked, "parked timer")] : [])
            .ToList();
        return troubles.Count == 0
            ? HealthCheckResult.Healthy($"{Count(platforms.Sum(p => p.Pending), "message")} pending", data)
            : HealthCheckResult.Degraded(string.Join("; ", troubles), data: data);
    }

    private static double Seconds(TimeSpan age) => Math.Round(age.TotalSeconds, 1);

    private static string Count(long n, string what) => string.Create(CultureInfo.InvariantCulture, $"{n} {what}{(n == 1 ? "" : "s")}");
}
