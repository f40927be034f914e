namespace SecBot.Domain.Reviews;

/// <summary>A request to open a review gate. <see cref="Platform"/> is where it came from (slack, teams, secbot).</summary>
public sealed record OpenGate(string Type, string Title, string RequestedBy, long? IncidentNumber, string Platform);
