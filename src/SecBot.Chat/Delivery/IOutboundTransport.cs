namespace SecBot.Chat.Delivery;

/// <summary>
/// A sender for an outbound transport that is not a chat platform (the Gate API's signed callbacks): the dispatcher
/// delivers, retries and dead-letters its rows like any other, but it is never one of the platforms chat messages are
/// queued on (<see cref="IDeliveryPlatforms"/>).
/// </summary>
public interface IOutboundTransport : IMessageSender;
