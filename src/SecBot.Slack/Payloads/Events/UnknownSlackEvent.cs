namespace SecBot.Slack.Payloads.Events;

/// <summary>An inner event of a type SecBot has not subscribed to or does not handle: acknowledged and ignored.</summary>
public sealed record UnknownSlackEvent : SlackEvent;
