using SecBot.Chat.Delivery;
using SecBot.Storage.Delivery;

namespace SecBot.Host.ConsolePlatform;

/// <summary>
/// The dispatcher's sender for the <c>console</c> platform: a delivered card lands in the <see cref="ConsoleInbox"/>, which
/// the web console and the terminal console show; a refresh replaces the cards about its subject there, as Slack and Teams
/// update theirs. The console is the only platform when neither Slack nor Teams is configured, so a newcomer without
/// credentials still sees every page and announcement.
/// </summary>
public sealed partial class ConsoleMessageSender(ConsoleInbox inbox, ILogger<ConsoleMessageSender> logger) : IMessageSender
{
    public const string PlatformName = ConsoleRef.Platform;

    public string Platform => PlatformName;

    public Task<DeliveryResult> SendAsync(OutboxEntry message, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(message);
        if (message.Kind == OutboxWriter.RefreshKind)
        {
            inbox.Apply(OutboxWriter.ReadRefresh(message.Payload));
            return Task.FromResult(DeliveryResult.Delivered);
        }

        if (message.Kind != OutboxWriter.MessageKind) return Task.FromResult(DeliveryResult.Permanent($"the console does not know outbox kind '{message.Kind}'"));

        var outbound = OutboxWriter.Read(message.Payload);
        var delivered = inbox.Add(outbound, message.Id);
        LogMessage(outbound.To.ChannelKey, outbound.Subject, delivered.Id);
        return Task.FromResult(DeliveryResult.Delivered);
    }

    [LoggerMessage(EventId = 300, Level = LogLevel.Debug, Message = "Console message {MessageId} to {Recipient} about {Subject}")]
    private partial void LogMessage(string recipient, string? subject, long messageId);
}
