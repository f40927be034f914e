using SecBot.Chat.Delivery;

namespace SecBot.Host.Delivery;

/// <summary>The platforms with a registered sender; the console stands in when no chat platform is configured.</summary>
public sealed class ConfiguredPlatforms(IEnumerable<IMessageSender> senders) : IDeliveryPlatforms
{
    public IReadOnlyList<string> Enabled { get; } = Choose(senders);

    private static string[] Choose(IEnumerable<IMessageSender> senders)
    {
        var chat = senders.Select(s => s.Platform).Where(p => p != ConsoleMessageSender.PlatformName).Distinct().ToArray();
        return chat.Length > 0 ? chat : [ConsoleMessageSender.PlatformName];
    }
}
