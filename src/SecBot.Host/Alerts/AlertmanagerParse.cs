using SecBot.Chat.Alerts;

namespace SecBot.Host.Alerts;

/// <summary>The alerts of one Alertmanager notification, or the problems found (never both).</summary>
internal sealed record AlertmanagerParse(IReadOnlyList<AlertEvent> Alerts, IReadOnlyList<string> Errors)
{
    public bool IsValid => Errors.Count == 0;
}
