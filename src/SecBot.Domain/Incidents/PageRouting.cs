namespace SecBot.Domain.Incidents;

/// <summary>
/// Storm control's rule for one page DM, whatever platform carries it (README, "Storm control and declare limits").
/// <list type="bullet">
/// <item>At most one page per incident per person: a first page (attempt 1) to someone the incident has paged before
/// (escalated into a level they are also on, a second path to the same person) is not sent again; the page they have
/// follows the incident to its new level. The policy's re-pages (attempt 2 and on, after an ack timeout) are sent: they are
/// how an unacknowledged page is chased.</item>
/// <item>Past <see cref="PageStormLimit.Pages"/> page DMs to one person within <see cref="PageStormLimit.Window"/>, and
/// while a digest is already due for them, a page is held for that digest instead of sent. A digest is due when the
/// oldest counted send leaves the window (the moment a DM would be allowed again), not a full window after the held page.</item>
/// </list>
/// </summary>
public static class PageRouting
{
    /// <summary>Timeline: a first page to someone the incident had already paged was not sent again.</summary>
    public const string NotRepeatedKind = "page-not-repeated";

    /// <summary>Timeline: a page was held for its person's digest.</summary>
    public const string HeldKind = "page-held";

    /// <summary>Timeline: held pages went out in their person's digest.</summary>
    public const string DigestKind = "page-digest";

    public static PageRoute Route(Page page, Incident? before, PageStormLimit limit, PageStormState state, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(page);
        ArgumentNullException.ThrowIfNull(limit);
        ArgumentNullException.ThrowIfNull(state);
        if (page.Attempt == 1 && before?.Pages.FirstOrDefault(p => p.PersonId.Equals(page.PersonId, StringComparison.OrdinalIgnoreCase)) is { } earlier)
        {
            return new PageRoute(PageRouteKind.AlreadyPaged) { Earlier = earlier };
        }

        if (state.DigestDueAt is { } due) return new PageRoute(PageRouteKind.Held) { DigestAt = due };
        return state.SentInWindow >= limit.Pages
            ? new PageRoute(PageRouteKind.Held) { DigestAt = (state.OldestCountedSentAt ?? now) + limit.Window, StartsDigest = true }
            : new PageRoute(PageRouteKind.Send);
    }
}

/// <summary>Past <see cref="Pages"/> page DMs to one person within <see cref="Window"/>, the rest wait for one digest per window.</summary>
public sealed record PageStormLimit(int Pages, TimeSpan Window);

/// <summary>
/// One person's storm state, as stored: page DMs sent within the window so far (counted up to the limit), when their
/// pending digest goes out, and when the oldest of the counted sends was queued (null: none), so the window has room
/// again one <see cref="PageStormLimit.Window"/> after it.
/// </summary>
public sealed record PageStormState(int SentInWindow, DateTimeOffset? DigestDueAt, DateTimeOffset? OldestCountedSentAt = null);

public enum PageRouteKind
{
    Send,

    /// <summary>The incident paged this person before: not sent twice.</summary>
    AlreadyPaged,

    /// <summary>Held for the person's digest.</summary>
    Held,
}

public sealed record PageRoute(PageRouteKind Kind)
{
    /// <summary>Held: when the digest carrying it goes out.</summary>
    public DateTimeOffset? DigestAt { get; init; }

    /// <summary>Held: no digest was due yet, so this page starts one.</summary>
    public bool StartsDigest { get; init; }

    /// <summary>Already paged: the incident's first page to the person.</summary>
    public Page? Earlier { get; init; }
}
