using SecBot.Chat.Delivery;
using SecBot.Domain;
using SecBot.Domain.Incidents;
using SecBot.Storage;
using SecBot.Storage.Incidents;
using RosterModel = SecBot.Domain.Roster.Roster;

namespace SecBot.Chat.Incidents;

/// <summary>
/// Storm control between the engine's pages and the outbox, for every platform at once (<see cref="PageRouting"/>): each
/// page DM is sent, not repeated (the incident paged that person already), or held for the person's digest. Whatever is
/// not sent is said on the incident's timeline, and the digest that carries held pages too.
/// </summary>
public sealed class PageStorm(
    PageStormOptions options, PageStormRepository repository, IncidentRepository incidents, PageDigestCards cards, OutboxWriter outbox, RosterModel roster)
{
    /// <summary>The timer that sends one person's digest; its payload is the person's id.</summary>
    public const string DigestTimerKind = "page-digest";

    private PageStormLimit Limit => new(options.Pages, options.Window);

    /// <summary>The decision's notices that go out now, in order; held and repeated pages are recorded instead.</summary>
    public async Task<IReadOnlyList<IncidentNotice>> RouteAsync(StoreTransaction transaction, Incident? before, IncidentDecision decision)
    {
        ArgumentNullException.ThrowIfNull(transaction);
        ArgumentNullException.ThrowIfNull(decision);
        var pages = decision.Notices.OfType<PageNotice>().ToList();
        if (pages.Count == 0) return decision.Notices;

        var states = new Dictionary<string, PageStormState>(StringComparer.OrdinalIgnoreCase);
        foreach (var person in pages.Select(p => p.Page.PersonId).Distinct(StringComparer.OrdinalIgnoreCase).Order(StringComparer.Ordinal))
        {
            states[person] = await repository.EnterAsync(transaction, person, transaction.Now - options.Window, options.Pages);
        }

        var incident = decision.Incident;
        var send = new List<IncidentNotice>();
        foreach (var notice in decision.Notices)
        {
            if (notice is not PageNotice { Page: var page })
            {
                send.Add(notice);
                continue;
            }

            var state = states[page.PersonId];
            var route = PageRouting.Route(page, before, Limit, state, transaction.Now);
            switch (route.Kind)
            {
                case PageRouteKind.Send:
                    await repository.RecordSendAsync(transaction, page.PersonId);
                    states[page.PersonId] = state with { SentInWindow = state.SentInWindow + 1, OldestCountedSentAt = state.OldestCountedSentAt ?? transaction.Now };
                    send.Add(notice);
                    break;
                case PageRouteKind.AlreadyPaged:
                    await transaction.AppendIncidentEventAsync(incident.Number, PageRouting.NotRepeatedKind, IncidentEvent.System,
                        $"{Name(page.PersonId)} already has this incident's page (from {route.Earlier!.Level}, {ReadableTime.Utc(route.Earlier.PagedAt)}): "
                        + $"not paged again at {page.Level}; that page now shows {incident.Level}");
                    break;
                default:
                    var due = route.DigestAt!.Value;
                    if (await repository.HoldAsync(transaction, page.PersonId, page, incident.Number, due))
                    {
                        await transaction.ScheduleTimerAsync(DigestTimerKind, Recipient.Person(page.PersonId).ChannelKey, due, page.PersonId);
                    }

                    states[page.PersonId] = state with { DigestDueAt = due };
                    await transaction.AppendIncidentEventAsync(incident.Number, PageRouting.HeldKind, IncidentEvent.System,
                        $"page to {Name(page.PersonId)} at {page.Level}{AttemptText(page.Attempt)} held for their digest at {ReadableTime.Utc(due)}: "
                        + $"more than {ReadableTime.Count(options.Pages, "page")} to them within {ReadableTime.Span(options.Window)}");
                    break;
            }
        }

        return send;
    }

    /// <summary>The digest timer came due: every page held for <paramref name="personId"/> goes out in one message.</summary>
    public async Task SendDigestAsync(StoreTransaction transaction, string personId)
    {
        ArgumentNullException.ThrowIfNull(transaction);
        ArgumentException.ThrowIfNullOrWhiteSpace(personId);
        await repository.EnterAsync(transaction, personId, transaction.Now - options.Window, options.Pages);
        var held = await repository.TakeHeldAsync(transaction, personId);
        if (held.Count == 0) return;

        var entries = new List<PageDigestEntry>();
        foreach (var group in held.GroupBy(h => h.IncidentNumber))
        {
            if (await incidents.LoadAsync(transaction, group.Key) is { } incident) entries.Add(new PageDigestEntry(incident, [.. group]));
        }

        await outbox.EnqueueAsync(transaction, new OutboundMessage(Recipient.Person(personId), cards.Digest(entries, Limit)));
        await repository.RecordSendAsync(transaction, personId);
        foreach (var entry in entries)
        {
            await transaction.AppendIncidentEventAsync(entry.Incident.Number, PageRouting.DigestKind, IncidentEvent.System,
                $"{ReadableTime.Count(entry.Held.Count, "held page")} to {Name(personId)} sent in their digest, "
                + $"one message listing {ReadableTime.Count(entries.Count, "incident")}");
        }
    }

    private static string AttemptText(int attempt) => attempt > 1 ? $" (attempt {attempt})" : "";

    private string Name(string personId) => roster.PersonName(personId);
}
