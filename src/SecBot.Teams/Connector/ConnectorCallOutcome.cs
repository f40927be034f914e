using System.Text.Json.Nodes;

namespace SecBot.Teams.Connector;

/// <summary>One attempt at a Connector operation, as the resilience pipeline sees it: the JSON answer, or the failure.</summary>
internal sealed record ConnectorCallOutcome(JsonObject? Body, ConnectorFailure? Failure);
