using System.Collections.Frozen;
using SecBot.Chat.Incidents;
using SecBot.Chat.Inbound;
using SecBot.Domain;

namespace SecBot.Chat.Alerts;

/// <summary>
/// New incidents per routing key: at most <c>perKey</c> within any <c>window</c>; repeats of an open key are never
/// counted. One <see cref="WindowAllowance"/> per configured key space, made at start, so memory is bounded by the
/// configuration, never by what senders send. Held in memory: with several replicas each allows the limit on its own.
/// </summary>
public sealed class NewIncidentLimit : IDisposable
{
    public const string RefusalCause = "alert-rate";

    private readonly int _perKey;
    private readonly TimeSpan _window;
    private readonly TimeProvider _time;
    private readonly RefusedRequests _refused;
    private readonly FrozenDictionary<string, WindowAllowance> _allowances;

    public NewIncidentLimit(int perKey, TimeSpan window, IEnumerable<string> keySpaces, TimeProvider time, RefusedRequests refused)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(perKey);
        ArgumentOutOfRangeException.ThrowIfLessThanOrEqual(window, TimeSpan.Zero);
        ArgumentNullException.ThrowIfNull(keySpaces);
        ArgumentNullException.ThrowIfNull(time);
        ArgumentNullException.ThrowIfNull(refused);
        _perKey = perKey;
        _window = window;
        _time = time;
        _refused = refused;
        _allowances = keySpaces.Distinct(StringComparer.Ordinal).ToFrozenDictionary(k => k, _ => new WindowAllowance(perKey), StringComparer.Ordinal);
    }

    /// <summary>
    /// Takes <paramref name="incidents"/> new incidents from the key space's allowance; null when they may open, else how
    /// the refusal saying when they may. A request opening more than the limit needs the whole allowance: it is never split.
    /// </summary>
    public AlertRateLimitedException? TryTake(AlertRoute route, int incidents)
    {
        ArgumentNullException.ThrowIfNull(route);
        if (incidents <= 0 || !_allowances.TryGetValue(route.KeySpace, out var allowance)) return null;
        if (allowance.TryHold(_time, _window, Math.Min(incidents, _perKey)) is not { } nextFreeAt) return null;

        var wait = TimeSpan.FromSeconds(Math.Max(1, Math.Ceiling((nextFreeAt - _time.GetUtcNow()).TotalSeconds)));
        _refused.Report(RefusalCause, $"routing key {route.KeySpace} ({route.Source.Name}) would open more than {_perKey} incidents within {ReadableTime.Span(_window)}");
        return new AlertRateLimitedException(
            wait,
            $"Not recorded: this routing key may open at most {ReadableTime.Count(_perKey, "new incident")} per {ReadableTime.Span(_window)} (SecBot:Alerts:NewIncidents; "
            + $"repeats of open alerts are not counted), and has used them. Retry in {ReadableTime.Count((long)wait.TotalSeconds, "second")}.");
    }

    public void Dispose()
    {
        foreach (var allowance in _allowances.Values) allowance.Dispose();
    }
}
