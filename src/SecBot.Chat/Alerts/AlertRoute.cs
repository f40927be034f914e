using SecBot.Domain.Incidents;

namespace SecBot.Chat.Alerts;

/// <summary>
/// Where a routing key sends its alerts: the incident type and start level it opens at. <see cref="KeySpace"/> names the
/// routing key without being it (its fingerprint), so each sender's dedup keys are its own; <see cref="Source"/> is the
/// actor the timeline records.
/// </summary>
public sealed record AlertRoute(string KeySpace, AlertSource Source, string Type, string Level);
