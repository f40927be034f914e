namespace SecBot.Domain.Incidents;

public enum IncidentState
{
    Open,
    Acknowledged,
    Resolved,
}
