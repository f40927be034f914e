namespace SecBot.Slack.Payloads.Events;

/// <summary>A well-formed Events API body of another type (<c>app_rate_limited</c>…): acknowledged and ignored.</summary>
public sealed record UnknownEventsApiPayload : EventsApiPayload;
