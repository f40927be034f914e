using SecBot.Domain.Incidents;

namespace SecBot.Chat.Alerts;

/// <summary>
/// The level an alert opens at: its routing key's start level, raised (never lowered) to the level its severity maps
/// to in <c>SecBot:Alerts:SeverityLevels</c>. An empty map (the default) never raises.
/// </summary>
public sealed class AlertLevels(EscalationPolicy policy, IReadOnlyDictionary<string, string> severityLevels)
{
    public string For(string startLevel, string? severity)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(startLevel);
        if (severity is null || !severityLevels.TryGetValue(severity, out var raised)) return startLevel;
        return policy.IndexOf(raised) > policy.IndexOf(startLevel) ? policy.Level(raised).Name : startLevel;
    }
}
