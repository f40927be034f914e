using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace SecBot.Slack.SocketMode;

/// <summary>
/// Part of <c>/readyz</c> in Socket Mode (contract.md "HTTP endpoints"): with no open socket Slack cannot reach SecBot at
/// all, so it is not ready.
/// </summary>
internal sealed class SlackSocketHealthCheck(SlackSocketStatus status) : IHealthCheck
{
    /// <summary>The tag the host's <c>/readyz</c> selects its checks by.</summary>
    public const string ReadyTag = "ready";

    public Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default) =>
        Task.FromResult(status.IsOpen
            ? HealthCheckResult.Healthy("the Slack Socket Mode connection is open")
            : HealthCheckResult.Unhealthy("no Slack Socket Mode connection is open"));
}
