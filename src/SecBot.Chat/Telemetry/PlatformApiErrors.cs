using System.Diagnostics.Metrics;

namespace SecBot.Chat.Telemetry;

/// <summary>
/// Failed calls to a chat platform's API (Slack's Web API, Teams' Bot Connector), counted on
/// <c>secbot.platform_api.errors</c> by platform, operation and the error code the adapter classified it as
/// (Slack's own <c>error</c>, <c>http_503</c>, <c>network_error</c>, <c>circuit_open</c>…): every failed attempt,
/// retried or not, where the adapter turns the answer into its failure value.
/// </summary>
public sealed class PlatformApiErrors
{
    private readonly Counter<long> _errors;

    public PlatformApiErrors(IMeterFactory meters)
    {
        ArgumentNullException.ThrowIfNull(meters);
        _errors = meters.Create(SecBotMeter.Name).CreateCounter<long>(
            "secbot.platform_api.errors", "{error}", "Failed chat platform API calls, by platform, operation and error code");
    }

    public void Failed(string platform, string operation, string code) =>
        _errors.Add(1, new("platform", platform), new("operation", operation), new("code", code));
}
