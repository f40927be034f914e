using SecBot.Domain.Incidents;

namespace SecBot.Chat.Alerts;

/// <summary>
/// One alert, whichever sender wrote it. <see cref="Title"/> names a new incident; <see cref="Details"/> is one line for
/// the timeline (source, component, group, class…); <see cref="Severity"/> is critical, error, warning or info, if given.
/// </summary>
public sealed record AlertEvent(AlertAction Action, string DedupKey, string Title, string? Severity, string Details, IReadOnlyList<IncidentLink> Links);
