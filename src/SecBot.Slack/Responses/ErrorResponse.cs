namespace SecBot.Slack.Responses;

/// <summary>SecBot's own error body, <c>{"error": "…"}</c>, for 400, 401 and 413 (contract.md "Guarantees").</summary>
public sealed record ErrorResponse(string Error);
