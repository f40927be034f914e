using SecBot.Chat.Cards;
using SecBot.Chat.Delivery;
using SecBot.Domain;
using SecBot.Domain.Incidents;
using SecBot.Storage.Incidents;
using RosterModel = SecBot.Domain.Roster.Roster;

namespace SecBot.Chat.Incidents;

/// <summary>One incident in a page digest, as it stands now, with the pages held for it.</summary>
public sealed record PageDigestEntry(Incident Incident, IReadOnlyList<HeldPage> Held);

/// <summary>
/// The digest message: every held page in one list, each incident with its key, title, level and state and the command
/// that acts on it. Commands, not buttons: a button's answer replaces the message it is on, and the digest stands for many incidents.
/// </summary>
public sealed class PageDigestCards(RosterModel roster)
{
    public Card Digest(IReadOnlyList<PageDigestEntry> entries, PageStormLimit limit)
    {
        ArgumentNullException.ThrowIfNull(entries);
        ArgumentNullException.ThrowIfNull(limit);
        var pages = entries.Sum(e => e.Held.Count);
        var lines = entries.Select(e => $"• {Line(e)}");
        return new Card
        {
            Title = $"Page digest: {ReadableTime.Count(pages, "held page")} on {ReadableTime.Count(entries.Count, "incident")}",
            Text = $"You had more than {ReadableTime.Count(limit.Pages, "page")} within {ReadableTime.Span(limit.Window)}, so these were held "
                + "and come together here instead of one message each:\n" + string.Join('\n', lines),
            Tone = entries.Any(e => e.Incident.State == IncidentState.Open) ? CardTone.Attention : CardTone.Neutral,
            Context = "Each incident's full timeline: status INC-n",
        };
    }

    private string Line(PageDigestEntry entry)
    {
        var incident = entry.Incident;
        var first = entry.Held[0];
        var held = entry.Held.Count == 1 ? $"paged {ReadableTime.Utc(first.HeldAt)}" : $"{ReadableTime.Count(entry.Held.Count, "page")} since {ReadableTime.Utc(first.HeldAt)}";
        var now = incident.State switch
        {
            IncidentState.Resolved => $"resolved by {roster.PersonName(incident.ResolvedBy)}",
            IncidentState.Acknowledged => $"acknowledged by {roster.PersonName(incident.AcknowledgedBy)}; to escalate: escalate {incident.Key} [reason]",
            _ => $"open; to acknowledge: ack {incident.Key}",
        };
        return $"{incident.Key} ({incident.Level}): {OneLine.Of(incident.Title)} — {held}; {now}";
    }
}
