using SecBot.Chat.Alerts;

namespace SecBot.Host.Alerts;

/// <summary>
/// What a PagerDuty event body says: the alert to apply, or the problems found (never both). <see cref="RoutingKey"/> is
/// read whenever present, so an unknown key can be named with the rest; <see cref="DedupKeyGenerated"/>: the trigger
/// named no dedup_key and got one.
/// </summary>
internal sealed record PagerDutyParse(string? RoutingKey, AlertEvent? Alert, string? SourceName, bool DedupKeyGenerated, IReadOnlyList<string> Errors)
{
    public bool IsValid => Errors.Count == 0 && Alert is not null;
}
