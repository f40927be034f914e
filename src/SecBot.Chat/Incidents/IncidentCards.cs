using System.Globalization;
using SecBot.Chat.Cards;
using SecBot.Chat.Delivery;
using SecBot.Domain.Incidents;
using RosterModel = SecBot.Domain.Roster.Roster;

namespace SecBot.Chat.Incidents;

/// <summary>How incidents look in chat: pages with their buttons, channel announcements, status cards.</summary>
public sealed class IncidentCards(RosterModel roster)
{
    public static readonly CardInput SummaryInput =
        new(ActionIds.Inputs.Summary, "Resolution summary", CardInputKind.MultilineText, Required: true) { Placeholder = "What happened and how it was fixed" };

    public static readonly CardInput ReasonInput =
        new(ActionIds.Inputs.Reason, "Why escalate?", CardInputKind.Text, Required: false) { Placeholder = "Optional reason" };

    public OutboundMessage Render(IncidentNotice notice) => notice switch
    {
        PageNotice page => new OutboundMessage(Recipient.Person(page.Page.PersonId), PageCard(page.Incident, page.Page)) { Subject = page.Incident.Key },
        ChannelNotice channel => new OutboundMessage(Recipient.IncidentsChannel, Announcement(channel)) { Subject = channel.Incident.Key },
        _ => throw new ArgumentOutOfRangeException(nameof(notice), notice.GetType().Name, "no card for this notice"),
    };

    public Card PageCard(Incident incident, Page page)
    {
        var asked = page.Reason == PageReason.Notification ? "For your information" : page.Attempt > 1 ? $"Re-page #{page.Attempt - 1}: still unacknowledged" : "You are paged";
        var why = page.Reason switch
        {
            PageReason.Lead => "as incident lead",
            PageReason.ManagerFallback => $"as manager: {page.Note}",
            _ => $"at {page.Level}",
        };
        return StatusCard(incident) with
        {
            Text = $"{asked} {why}.",
            Tone = page.Reason == PageReason.Notification ? CardTone.Neutral : CardTone.Attention,
            Buttons = page.Reason == PageReason.Notification || !incident.IsOpen ? [] : Buttons(incident),
        };
    }

    public Card Announcement(ChannelNotice notice) =>
        StatusCard(notice.Incident) with
        {
            Text = notice.Text,
            Mentions = notice.Mentions,
            Buttons = notice.Kind == "declared" && notice.Incident.IsOpen ? Buttons(notice.Incident) : [],
        };

    /// <summary>The incident as it stands: what a button press replaces its message with.</summary>
    public Card StatusCard(Incident incident, string? context = null)
    {
        var facts = new List<CardFact>
        {
            new("State", StateText(incident)),
            new("Level", incident.Level),
            new("Type", incident.Type),
            new("Declared", $"{When(incident.DeclaredAt)} by {Name(incident.DeclaredBy)}"),
        };
        if (incident.LeadPersonId is { } lead) facts.Add(new("Lead", Name(lead)));
        var paged = incident.Pages.GroupBy(p => p.PersonId, StringComparer.OrdinalIgnoreCase)
            .Select(g => $"{Name(g.Key)} ({g.Last().Level}, {When(g.First().PagedAt)}{(g.Count() > 1 ? $", {g.Count()}×" : "")})");
        facts.Add(new("Paged", incident.Pages.Count == 0 ? "nobody" : string.Join("; ", paged)));
        if (incident.Summary is { } summary) facts.Add(new("Summary", summary));

        return new Card
        {
            Title = $"{incident.Key}: {incident.Title}",
            Facts = facts,
            Tone = incident.State switch
            {
                IncidentState.Resolved => CardTone.Good,
                IncidentState.Acknowledged => CardTone.Warning,
                _ => CardTone.Attention,
            },
            Buttons = incident.IsOpen ? Buttons(incident) : [],
            Context = context,
        };
    }

    private static IReadOnlyList<CardButton> Buttons(Incident incident) =>
    [
        new CardButton("Acknowledge", ActionIds.Acknowledge, incident.Key, ButtonStyle.Primary),
        new CardButton("Escalate", ActionIds.Escalate, IncidentButtonValue.Format(incident)) { Asks = [ReasonInput], FormTitle = $"Escalate {incident.Key}" },
        new CardButton("Resolve", ActionIds.Resolve, incident.Key, ButtonStyle.Danger) { Asks = [SummaryInput], FormTitle = $"Resolve {incident.Key}" },
    ];

    private string StateText(Incident incident) => incident.State switch
    {
        IncidentState.Acknowledged => $"acknowledged by {Name(incident.AcknowledgedBy)} at {incident.AcknowledgedLevel}",
        IncidentState.Resolved => $"resolved by {Name(incident.ResolvedBy)} {When(incident.ResolvedAt)}",
        _ => "open, awaiting acknowledgement",
    };

    private string Name(string? personId) =>
        personId is null ? "nobody" : roster.PersonById(personId)?.Name ?? personId;

    private static string When(DateTimeOffset? at) =>
        at?.UtcDateTime.ToString("yyyy-MM-dd HH:mm 'UTC'", CultureInfo.InvariantCulture) ?? "";
}
