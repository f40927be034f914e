namespace SecBot.Storage.Delivery;

/// <summary>
/// A message to deliver. <paramref name="ChannelKey"/> orders delivery: messages with the same
/// platform and channel key go out one at a time, in the order they were enqueued.
/// </summary>
/// <param name="Platform">"slack" or "teams".</param>
/// <param name="ChannelKey">The conversation the message lands in (channel id, user id for a DM, Teams conversation id).</param>
/// <param name="Kind">What the payload is, for the dispatcher (e.g. "post", "update", "page").</param>
/// <param name="Payload">JSON the dispatcher understands.</param>
public sealed record OutboxMessage(string Platform, string ChannelKey, string Kind, string Payload);
