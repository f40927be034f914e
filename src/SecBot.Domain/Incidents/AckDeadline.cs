namespace SecBot.Domain.Incidents;

/// <summary>
/// What happens next to an unacknowledged incident, read from its pages and the policy the way the ack timers
/// work: each page waits <see cref="Timeout"/>; up to <see cref="EscalationPolicy.Repages"/> re-pages, then the
/// next level (unless it is manual-only or there is none: then automatic escalation stops).
/// </summary>
/// <param name="Level">The level waiting for an acknowledgement.</param>
/// <param name="Timeout">How long each page at the level waits.</param>
/// <param name="NextTimerAt">When the next ack timer fires (a re-page, or the escalation itself).</param>
/// <param name="RepagesFirst">Whether that timer re-pages rather than escalates.</param>
/// <param name="EscalatesAt">When it escalates (or escalation stops), with no acknowledgement before.</param>
/// <param name="EscalatesTo">The level it escalates to automatically; null when automatic escalation stops there.</param>
public sealed record AckDeadline(string Level, TimeSpan Timeout, DateTimeOffset NextTimerAt, bool RepagesFirst, DateTimeOffset EscalatesAt, string? EscalatesTo)
{
    /// <summary>Null when nothing is waiting: acknowledged or resolved, a notify-only level, or nobody paged at the level.</summary>
    public static AckDeadline? Of(Incident incident, EscalationPolicy policy)
    {
        ArgumentNullException.ThrowIfNull(incident);
        ArgumentNullException.ThrowIfNull(policy);
        if (incident.State != IncidentState.Open || policy.FindLevel(incident.Level) is not { NotifyOnly: false } level) return null;
        var pages = incident.Pages
            .Where(p => p.Reason != PageReason.Notification && string.Equals(p.Level, level.Name, StringComparison.OrdinalIgnoreCase))
            .ToList();
        if (pages.Count == 0) return null;

        var attempt = pages.Max(p => p.Attempt);
        var lastPagedAt = pages.Where(p => p.Attempt == attempt).Max(p => p.PagedAt);
        var repagesLeft = Math.Max(policy.Repages - attempt + 1, 0);
        var next = policy.Next(level.Name);
        return new AckDeadline(
            level.Name,
            level.AckTimeout,
            lastPagedAt + level.AckTimeout,
            repagesLeft > 0,
            lastPagedAt + (level.AckTimeout * (repagesLeft + 1)),
            next is { ManualOnly: false } ? next.Name : null);
    }
}
