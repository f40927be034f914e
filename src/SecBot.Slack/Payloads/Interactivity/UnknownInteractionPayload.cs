namespace SecBot.Slack.Payloads.Interactivity;

/// <summary>A well-formed payload of a type SecBot does not handle (<c>view_closed</c>, <c>message_action</c>…): acknowledged and ignored.</summary>
public sealed record UnknownInteractionPayload : InteractionPayload;
