using SecBot.Chat.Cards;
using SecBot.Chat.Delivery;
using SecBot.Domain;
using SecBot.Domain.Incidents;
using RosterModel = SecBot.Domain.Roster.Roster;

namespace SecBot.Chat.Incidents;

/// <summary>How incidents look in chat: pages with their buttons, channel announcements, status cards.</summary>
public sealed class IncidentCards(RosterModel roster, EscalationPolicy policy)
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
            PageReason.Notification => $"{incident.Key} reached {page.Level}; nothing for you to acknowledge",
            _ => $"at {page.Level}",
        };
        var separator = page.Reason == PageReason.Notification ? ": " : " ";
        var deadline = page.Reason == PageReason.Notification || AckDeadline.Of(incident, policy) is not { } due ? "" : " " + WhatToDo(due);
        return StatusCard(incident) with
        {
            Text = $"{asked}{separator}{why}.{deadline}",
            Tone = page.Reason == PageReason.Notification ? CardTone.Neutral : CardTone.Attention,
            Buttons = page.Reason == PageReason.Notification || !incident.IsOpen ? [] : Buttons(incident),
        };
    }

    /// <summary>
    /// A channel notice, naming the paged people some platform could not reach (contract.md: "the announcement says who
    /// it could not reach").
    /// </summary>
    public OutboundMessage Render(ChannelNotice notice, IReadOnlyList<(string PersonId, string Platform, string Why)> unreached)
    {
        ArgumentNullException.ThrowIfNull(notice);
        ArgumentNullException.ThrowIfNull(unreached);
        var message = Render(notice);
        if (unreached.Count == 0) return message;
        var who = unreached.GroupBy(u => u.PersonId, StringComparer.Ordinal)
            .Select(g => $"{Name(g.Key)} (not on {string.Join(" or ", g.Select(u => PlatformNames.Of(u.Platform)))})");
        return message with { Card = message.Card with { Facts = [.. message.Card.Facts, new CardFact("Not reached", string.Join("; ", who))] } };
    }

    public Card Announcement(ChannelNotice notice)
    {
        ArgumentNullException.ThrowIfNull(notice);
        var card = StatusCard(notice.Incident);
        return card with
        {
            Text = notice.Text,
            Mentions = notice.Mentions,
            Buttons = notice.Kind == "declared" && notice.Incident.IsOpen ? Buttons(notice.Incident) : [],
            // Links back to the alert (its client, links, Alertmanager's generatorURL): plain URLs, which both platforms link.
            Facts = [.. card.Facts, .. notice.Links.Select(link => new CardFact(link.Text, link.Url))],
        };
    }

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
        if (AckDeadline.Of(incident, policy) is { } due) facts.Add(new("Unless acknowledged", NextStep(due)));
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

    /// <summary>An acknowledged incident's cards no longer offer Acknowledge: nobody is waited on until it escalates.</summary>
    private static IReadOnlyList<CardButton> Buttons(Incident incident) =>
    [
        .. incident.State == IncidentState.Acknowledged ? [] : new[] { new CardButton("Acknowledge", ActionIds.Acknowledge, incident.Key, ButtonStyle.Primary) },
        new CardButton("Escalate", ActionIds.Escalate, IncidentButtonValue.Format(incident)) { Asks = [ReasonInput], FormTitle = $"Escalate {incident.Key}" },
        new CardButton("Resolve", ActionIds.Resolve, incident.Key, ButtonStyle.Danger) { Asks = [SummaryInput], FormTitle = $"Resolve {incident.Key}" },
    ];

    /// <summary>
    /// <c>status</c> with no id: each open incident with its age, who is on it and what happens next, newest first:
    /// <c>INC-2 (L1, declared 5 minutes ago): Phishing wave — paged Sam Okafor, not acknowledged; unless acknowledged: …</c>
    /// </summary>
    public string OpenList(IReadOnlyList<Incident> open, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(open);
        if (open.Count == 0) return "No open incidents.";
        return $"{ReadableTime.Count(open.Count, "open incident")}:\n" + string.Join('\n', open.Select(i => OpenLine(i, now)));
    }

    private string OpenLine(Incident incident, DateTimeOffset now)
    {
        var age = $"declared {ReadableTime.Ago(now - incident.DeclaredAt)}";
        var who = incident.State == IncidentState.Acknowledged
            ? $"acknowledged by {Name(incident.AcknowledgedBy)} at {incident.AcknowledgedLevel}"
            : $"{PagedAt(incident)}, not acknowledged";
        var next = AckDeadline.Of(incident, policy) is { } due ? $"; unless acknowledged: {NextStep(due)}" : "";
        return $"{incident.Key} ({incident.Level}, {age}): {OneLine.Of(incident.Title)} — {who}{next}";
    }

    private string PagedAt(Incident incident)
    {
        var atLevel = incident.Pages.Where(p => p.Level == incident.Level).Select(p => p.PersonId).Distinct(StringComparer.OrdinalIgnoreCase).ToList();
        return atLevel.Count == 0 ? $"nobody paged at {incident.Level}" : $"paged {string.Join(", ", atLevel.Select(Name))}";
    }

    /// <summary>The paged person's instruction: "Acknowledge within 10 minutes or it escalates to L2 at Fri 4 Dec 19:33 UTC."</summary>
    private string WhatToDo(AckDeadline due)
    {
        var within = $"Acknowledge within {ReadableTime.Span(due.Timeout)}";
        var repaged = due.RepagesFirst ? " or you are paged again" : "";
        return due.EscalatesTo is { } next
            ? due.RepagesFirst
                ? $"{within}{repaged}; unacknowledged, it escalates to {next} at {When(due.EscalatesAt)}."
                : $"{within} or it escalates to {next} at {When(due.EscalatesAt)}."
            : $"{within}{repaged}; unacknowledged by {When(due.EscalatesAt)}, automatic escalation stops at {due.Level} and the incidents channel is told.";
    }

    /// <summary>What happens next without an acknowledgement, for status cards and the open-incident list.</summary>
    public static string NextStep(AckDeadline due)
    {
        ArgumentNullException.ThrowIfNull(due);
        var repage = due.RepagesFirst ? $"re-page at {When(due.NextTimerAt)}, then " : "";
        var then = due.EscalatesTo is { } next
            ? $"escalation to {next} at {When(due.EscalatesAt)}"
            : $"automatic escalation stops at {When(due.EscalatesAt)} ({due.Level} is as far as it goes by itself)";
        return repage + then;
    }

    private string StateText(Incident incident) => incident.State switch
    {
        IncidentState.Acknowledged => $"acknowledged by {Name(incident.AcknowledgedBy)} at {incident.AcknowledgedLevel}",
        IncidentState.Resolved => $"resolved by {Name(incident.ResolvedBy)} at {When(incident.ResolvedAt)}",
        _ => "open, awaiting acknowledgement",
    };

    private string Name(string? personId) =>
        roster.PersonName(personId);

    private static string When(DateTimeOffset? at) => at is { } instant ? ReadableTime.Utc(instant) : "";
}
