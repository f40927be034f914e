namespace SecBot.Domain.Reviews;

/// <summary>
/// A request to open a review gate. <see cref="Platform"/> is where it came from (slack, teams, secbot).
/// <see cref="OpenedBy"/> is who caused it when that is not <see cref="RequestedBy"/> (the person whose resolve opened
/// the incident lead's postmortem); null when the requester opened it themselves.
/// </summary>
public sealed record OpenGate(string Type, string Title, string RequestedBy, long? IncidentNumber, string Platform, string? OpenedBy = null);
