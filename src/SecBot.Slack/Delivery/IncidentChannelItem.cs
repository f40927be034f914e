namespace SecBot.Slack.Delivery;

/// <summary>
/// The payload of a <see cref="SlackOutboxKinds.IncidentChannel"/> row: bring incident <see cref="Incident"/>'s own
/// channel up to date (create it, post its card, invite whoever was paged since), from what the database says then.
/// </summary>
public sealed record IncidentChannelItem(long Incident);
