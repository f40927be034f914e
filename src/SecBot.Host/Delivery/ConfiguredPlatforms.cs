using Microsoft.Extensions.Options;
using SecBot.Chat.Delivery;
using SecBot.Host.ConsolePlatform;

namespace SecBot.Host.Delivery;

/// <summary>
/// The chat platforms with a registered sender, plus the console when it is on (<see cref="ConsoleOptions"/>): by default
/// it stands in when no chat platform is configured, and it is always the sink then, so no message goes nowhere.
/// Transports that are not chat platforms (<see cref="IOutboundTransport"/>) are not among them.
/// </summary>
public sealed class ConfiguredPlatforms(IEnumerable<IMessageSender> senders, IOptions<ConsoleOptions> console) : IDeliveryPlatforms
{
    public IReadOnlyList<string> Enabled { get; } = Choose(senders, console.Value);

    /// <summary>Whether Slack or Teams is configured.</summary>
    public bool ChatConfigured => Enabled.Any(p => p != ConsoleMessageSender.PlatformName);

    /// <summary>Whether the console platform is among the delivery platforms (always so without Slack or Teams: it is the sink then).</summary>
    public bool ConsoleOn => Enabled.Contains(ConsoleMessageSender.PlatformName);

    /// <summary>
    /// Whether the web console is served: as <c>SecBot:Console:Enabled</c> says (unset: exactly when no chat platform is
    /// configured). Switched off without chat, the console still takes the messages, but nobody reads them over HTTP.
    /// </summary>
    public bool WebConsoleOn => console.Value.IsOn(ChatConfigured);

    /// <summary>The chat platforms (Slack, Teams) among <paramref name="senders"/>: what "chat configured" means.</summary>
    public static string[] ChatPlatformsOf(IEnumerable<IMessageSender> senders) =>
        senders.Where(s => s is not IOutboundTransport).Select(s => s.Platform).Where(p => p != ConsoleMessageSender.PlatformName).Distinct().ToArray();

    private static string[] Choose(IEnumerable<IMessageSender> senders, ConsoleOptions console)
    {
        var chat = ChatPlatformsOf(senders);
        if (chat.Length == 0) return [ConsoleMessageSender.PlatformName];
        return console.IsOn(chatConfigured: true) ? [.. chat, ConsoleMessageSender.PlatformName] : chat;
    }
}
