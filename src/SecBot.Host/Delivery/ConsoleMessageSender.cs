using SecBot.Chat.Delivery;
using SecBot.Storage.Delivery;

namespace SecBot.Host.Delivery;

/// <summary>
/// The local platform when neither Slack nor Teams is configured: messages are written to the log, so a
/// newcomer running SecBot without credentials still sees every page and announcement.
/// </summary>
public sealed partial class ConsoleMessageSender(ILogger<ConsoleMessageSender> logger) : IMessageSender
{
    public const string PlatformName = "console";

    public string Platform => PlatformName;

    public Task<DeliveryResult> SendAsync(OutboxEntry message, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(message);
        // The log cannot edit what it printed: the command's own answer already shows the new state.
        if (message.Kind == OutboxWriter.RefreshKind) return Task.FromResult(DeliveryResult.Delivered);

        var outbound = OutboxWriter.Read(message.Payload);
        LogMessage(outbound.To.ChannelKey, outbound.Card.ToPlainText());
        return Task.FromResult(DeliveryResult.Delivered);
    }

    [LoggerMessage(EventId = 300, Level = LogLevel.Information, Message = "Message to {Recipient}:\n{Text}")]
    private partial void LogMessage(string recipient, string text);
}
