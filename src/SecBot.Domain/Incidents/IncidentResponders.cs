using RosterModel = SecBot.Domain.Roster.Roster;

namespace SecBot.Domain.Incidents;

/// <summary>
/// Who may stop an incident's escalation (acknowledge) or close it (resolve): the people paged on it so far
/// (re-pages, escalations and manager fallbacks included; a notification is not a page), its lead, and holders of
/// the <c>MayAcknowledge</c> roles of its level and type. Anyone else may follow it and escalate it.
/// </summary>
internal sealed class IncidentResponders(EscalationPolicy policy, RosterModel roster)
{
    /// <summary>Why <paramref name="personId"/> may not <paramref name="verb"/> the incident now; null when they may.</summary>
    public string? Refusal(Incident incident, string personId, string verb, DateTimeOffset now)
    {
        var paged = Paged(incident);
        if (paged.Contains(personId, StringComparer.OrdinalIgnoreCase)) return null;
        if (string.Equals(incident.LeadPersonId, personId, StringComparison.OrdinalIgnoreCase)) return null;
        var roles = policy.MayAcknowledge(incident.Type, incident.Level);
        var held = roster.RolesHeldBy(personId, now);
        if (roles.Any(role => held.Contains(role, StringComparer.OrdinalIgnoreCase))) return null;

        var who = new List<string> { paged.Count == 0 ? "the people paged on it (nobody yet)" : $"the people paged on it ({string.Join(", ", paged.Select(NameOf))})" };
        if (incident.LeadPersonId is { } lead && !paged.Contains(lead, StringComparer.OrdinalIgnoreCase)) who.Add($"its lead ({NameOf(lead)})");
        if (roles.Count > 0) who.Add(Article.A(roster.RoleNames(roles)));
        return $"You were not paged on {incident.Key}, so you may not {verb} it: only {Sentence(who)} may. "
            + $"You can follow it with status {incident.Key}, or bring in more help with escalate {incident.Key} [reason].";
    }

    private static List<string> Paged(Incident incident) =>
        [.. incident.Pages.Where(p => p.Reason != PageReason.Notification).Select(p => p.PersonId).Distinct(StringComparer.OrdinalIgnoreCase)];

    private string NameOf(string personId) => roster.PersonName(personId);

    private static string Sentence(List<string> parts) =>
        parts.Count == 1 ? parts[0] : $"{string.Join(", ", parts.Take(parts.Count - 1))} or {parts[^1]}";
}
