using System.Collections.Concurrent;
using System.Diagnostics.Metrics;
using Microsoft.Extensions.Logging;
using SecBot.Chat.Telemetry;

namespace SecBot.Chat.Inbound;

/// <summary>
/// Where every refused request is reported, whatever refused it (a bad signature, an unknown key, a body too large, a
/// rate limit): each is counted on <c>secbot.requests.refused</c> by cause, and logged at most once a minute per cause
/// with how many were refused since, so a flood of bad requests cannot flood the logs too.
/// </summary>
public sealed partial class RefusedRequests
{
    private static readonly TimeSpan LogEvery = TimeSpan.FromMinutes(1);

    private readonly TimeProvider _time;
    private readonly ILogger<RefusedRequests> _logger;
    private readonly Counter<long> _refused;
    private readonly ConcurrentDictionary<string, CauseLog> _causes = new(StringComparer.Ordinal);

    public RefusedRequests(TimeProvider time, ILogger<RefusedRequests> logger, IMeterFactory meters)
    {
        ArgumentNullException.ThrowIfNull(meters);
        _time = time;
        _logger = logger;
        _refused = meters.Create(SecBotMeter.Name).CreateCounter<long>(
            "secbot.requests.refused", unit: "{request}", description: "Requests refused before they changed anything, by cause");
    }

    /// <param name="cause">A short stable name (<c>slack-signature</c>, <c>body-too-large</c>, <c>declare-rate</c>): the metric's tag and the log's key.</param>
    /// <param name="detail">What was wrong with this one, for the log line; never a secret or a token.</param>
    public void Report(string cause, string detail)
    {
        ArgumentException.ThrowIfNullOrEmpty(cause);
        _refused.Add(1, new KeyValuePair<string, object?>("cause", cause));

        var log = _causes.GetOrAdd(cause, _ => new CauseLog());
        var now = _time.GetUtcNow();
        long refusedSinceLastLine;
        lock (log)
        {
            log.Unlogged++;
            if (log.LastLogged is { } last && now - last < LogEvery) return;
            log.LastLogged = now;
            refusedSinceLastLine = log.Unlogged;
            log.Unlogged = 0;
        }

        Refused(_logger, cause, detail, refusedSinceLastLine);
    }

    private sealed class CauseLog
    {
        public DateTimeOffset? LastLogged { get; set; }

        public long Unlogged { get; set; }
    }

    [LoggerMessage(EventId = 890, Level = LogLevel.Warning,
        Message = "Refused a request ({Cause}): {Detail}; {Count} refused for this cause since the last such line (logged at most once a minute per cause)")]
    private static partial void Refused(ILogger logger, string cause, string detail, long count);
}
