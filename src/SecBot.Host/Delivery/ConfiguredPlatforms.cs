using SecBot.Chat.Delivery;

namespace SecBot.Host.Delivery;

/// <summary>
/// The chat platforms with a registered sender; the console stands in when none is configured. Transports that are not
/// chat platforms (<see cref="IOutboundTransport"/>) are not among them.
/// </summary>
public sealed class ConfiguredPlatforms(IEnumerable<IMessageSender> senders) : IDeliveryPlatforms
{
    public IReadOnlyList<string> Enabled { get; } = Choose(senders);

    private static string[] Choose(IEnumerable<IMessageSender> senders)
    {
        var chat = senders.Where(s => s is not IOutboundTransport).Select(s => s.Platform).Where(p => p != ConsoleMessageSender.PlatformName).Distinct().ToArray();
        return chat.Length > 0 ? chat : [ConsoleMessageSender.PlatformName];
    }
}
