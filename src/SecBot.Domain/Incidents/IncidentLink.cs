namespace SecBot.Domain.Incidents;

/// <summary>A link back to where an incident came from (an alert's client_url, links, Alertmanager's generatorURL).</summary>
public sealed record IncidentLink(string Text, string Url);
