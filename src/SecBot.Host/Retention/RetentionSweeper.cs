using Microsoft.Extensions.Options;
using SecBot.Host.Background;
using SecBot.Storage.Delivery;
using SecBot.Storage.Inbound;

namespace SecBot.Host.Retention;

/// <summary>
/// Deletes delivered outbox messages, old idempotency keys and old sent-card records past their retention (<see cref="RetentionOptions"/>),
/// at start and then every <see cref="RetentionOptions.SweepEvery"/>, in small transactions, so the database does not
/// grow with every page ever sent. A failed sweep is logged and tried again next time.
/// </summary>
public sealed partial class RetentionSweeper(
    OutboxRepository outbox, InboundKeys inboundKeys, SentCardRepository sentCards, IOptions<RetentionOptions> options, TimeProvider time, ILogger<RetentionSweeper> logger)
    : BackgroundService
{
    private readonly RetentionOptions _options = options.Value;

    /// <summary>One sweep as of now: how many delivered messages, idempotency keys and sent-card records it deleted.</summary>
    public async Task<(int SentMessages, int InboundKeys, int SentCards)> SweepAsync(CancellationToken cancellationToken)
    {
        var now = time.GetUtcNow();
        var messages = await outbox.PurgeSentAsync(now - _options.SentMessages, cancellationToken);
        var keys = await inboundKeys.PruneAsync(now - _options.InboundKeys, cancellationToken);
        var cards = await sentCards.PurgeAsync(now - _options.SentCards, cancellationToken);
        if (messages + keys + cards > 0) LogSwept(messages, keys, cards);
        return (messages, keys, cards);
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        await PeriodicLoop.RunAsync(_options.SweepEvery, time, SweepAsync, LogSweepFailed, stoppingToken);
    }

    [LoggerMessage(EventId = 700, Level = LogLevel.Information, Message = "Retention sweep deleted {Messages} delivered messages, {Keys} idempotency keys and {Cards} sent-card records")]
    private partial void LogSwept(int messages, int keys, int cards);

    [LoggerMessage(EventId = 701, Level = LogLevel.Error, Message = "Retention sweep failed; it runs again at the next interval")]
    private partial void LogSweepFailed(Exception exception);
}
