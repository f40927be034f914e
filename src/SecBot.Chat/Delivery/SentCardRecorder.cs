using Microsoft.Extensions.Logging;
using SecBot.Storage.Delivery;

namespace SecBot.Chat.Delivery;

/// <summary>
/// Records where a delivered card landed, for every platform adapter. A card that was delivered stays delivered: if the
/// record cannot be written, that is logged, and the card is not sent again (a retry would page the person twice); the
/// only cost is that a later change does not update that one copy.
/// </summary>
public sealed partial class SentCardRecorder(SentCardRepository repository, ILogger<SentCardRecorder> logger)
{
    public async Task RecordAsync(SentCard card, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(card);
        try
        {
            await repository.RecordAsync(card, cancellationToken);
        }
#pragma warning disable CA1031 // logged: the send it records already happened
        catch (Exception e) when (e is not OperationCanceledException || !cancellationToken.IsCancellationRequested)
#pragma warning restore CA1031
        {
            NotRecorded(logger, card.Platform, card.Subject, card.ConversationId, e);
        }
    }

    /// <summary>Every card delivered on <paramref name="platform"/> about <paramref name="subject"/>, oldest first.</summary>
    public Task<IReadOnlyList<SentCard>> ListAsync(string platform, string subject, CancellationToken cancellationToken) =>
        repository.ListAsync(platform, subject, cancellationToken);

    [LoggerMessage(EventId = 330, Level = LogLevel.Warning, Message = "A {Platform} card about {Subject} was delivered to {Conversation} but not recorded; later changes will not update that copy")]
    private static partial void NotRecorded(ILogger logger, string platform, string subject, string conversation, Exception exception);
}
