using System.Threading.Channels;
using Microsoft.Extensions.Options;
using SecBot.Chat.Delivery;
using SecBot.Chat.Logging;
using SecBot.Domain;
using SecBot.Host.Background;
using SecBot.Storage;
using SecBot.Storage.Delivery;
using SecBot.Storage.Timers;
using RosterModel = SecBot.Domain.Roster.Roster;

namespace SecBot.Host.Delivery;

/// <summary>
/// Delivers the outbox. Woken by every commit that queues a message (no slow poll); takes a run of each channel's
/// oldest pending messages (up to <see cref="RunLength"/>) and sends it one by one, so one channel's messages keep their
/// order while channels proceed in parallel; the first failure in a run ends it and hands the rest back for later.
/// Each platform has a lane of its own that claims and sends only its messages, so a platform that hangs holds up none of
/// the others; and one send is cut off at half the claim lease, so a run always ends (handing back what it did not send)
/// before anyone else may take its messages.
/// Failures retry with exponential backoff and jitter (or the platform's Retry-After) for at least
/// <see cref="DeliveryOptions.RetryFor"/>; permanent errors and exhausted messages are dead-lettered, logged, noted on the
/// timeline of the incident or gate they were about, and reported by <c>status</c>.
/// </summary>
public sealed partial class OutboxDispatcher : BackgroundService
{
    /// <summary>How many channels are claimed (and sent to in parallel) per round.</summary>
    private const int ChannelsPerRound = 32;

    /// <summary>How many consecutive messages of one channel are claimed per round, and sent one after another.</summary>
    private const int RunLength = 16;

    private readonly OutboxRepository _outbox;
    private readonly IStoreSignals _signals;
    private readonly Dictionary<string, IMessageSender> _senders;
    private readonly DeliveryOptions _options;
    private readonly TimeProvider _time;
    private readonly ILogger<OutboxDispatcher> _logger;
    private readonly Func<StoreTransaction, OutboxEntry, Task> _timelineNote;
    private readonly string _claimant = $"dispatcher-{Environment.ProcessId}-{Guid.NewGuid():N}";
    /// <summary>
    /// Each lane's wake-up: a commit that queues a message wakes them all. One lane per configured platform, and one for
    /// every other platform, which dead-letters what comes due there (no sender will ever take it).
    /// </summary>
    private readonly Dictionary<OutboxLane, Channel<bool>> _lanes;

    public OutboxDispatcher(
        OutboxRepository outbox, IStoreSignals signals, IEnumerable<IMessageSender> senders, IOptions<DeliveryOptions> options, RosterModel roster, SubjectTimeline subjectTimeline, TimeProvider time,
        ILogger<OutboxDispatcher> logger)
    {
        ArgumentNullException.ThrowIfNull(senders);
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(roster);
        _outbox = outbox;
        _timelineNote = UndeliveredMessage.TimelineNote(subjectTimeline, roster.PersonName);
        _signals = signals;
        _senders = senders.ToDictionary(s => s.Platform, StringComparer.Ordinal);
        _lanes = _senders.Keys.Order(StringComparer.Ordinal).ToDictionary(
            OutboxLane.Of, _ => NewWake());
        _lanes[OutboxLane.AllBut(_senders.Keys)] = NewWake();
        _options = options.Value;
        _time = time;
        _logger = logger;
    }

    /// <summary>Sends everything due now, every platform's; returns how many messages were attempted.</summary>
    public Task<int> DeliverDueAsync(CancellationToken cancellationToken) => DeliverDueAsync(OutboxLane.All, cancellationToken);

    /// <summary>Sends everything of <paramref name="lane"/> due now, round by round; returns how many messages were attempted.</summary>
    private async Task<int> DeliverDueAsync(OutboxLane lane, CancellationToken cancellationToken)
    {
        var attempted = 0;
        while (true)
        {
            var claimedAt = _time.GetUtcNow();
            var runs = await _outbox.ClaimRunsAsync(claimedAt, ChannelsPerRound, RunLength, _claimant, lane, cancellationToken);
            if (runs.Count == 0) return attempted;
            var counts = await Task.WhenAll(runs.Select(run => DeliverRunAsync(run, claimedAt, cancellationToken)));
            attempted += counts.Sum();
        }
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        _signals.OutboxChanged += Wake;
        try
        {
            await Task.WhenAll(_lanes.Select(lane => RunLaneAsync(lane.Key, lane.Value, stoppingToken)));
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
            // Stopping; a run cut short was handed back, and any other claim returns to the queue when its lease runs out.
        }
        finally
        {
            _signals.OutboxChanged -= Wake;
        }
    }

    private async Task RunLaneAsync(OutboxLane lane, Channel<bool> wake, CancellationToken stoppingToken)
    {
        while (!stoppingToken.IsCancellationRequested)
        {
            try
            {
                await DeliverDueAsync(lane, stoppingToken);
                await SleepUntilAsync(wake, await _outbox.NextAttemptAtAsync(lane, stoppingToken), stoppingToken);
            }
            catch (Exception e) when (e is not OperationCanceledException)
            {
                LogDispatcherFailed(e);
                await SleepUntilAsync(wake, _time.GetUtcNow() + _options.FirstBackoff, stoppingToken);
            }
        }
    }

    /// <summary>
    /// Sends one channel's claimed run in order. The first message that is not delivered ends the run: it is handled as
    /// a failure (retry later or dead-letter) and the ones behind it are released to keep their place for a later round.
    /// The delivered ones are marked sent, and the rest released, in one transaction. Returns how many were attempted.
    /// </summary>
    private async Task<int> DeliverRunAsync(IReadOnlyList<OutboxEntry> run, DateTimeOffset claimedAt, CancellationToken cancellationToken)
    {
        var sent = new List<long>(run.Count);
        var attempted = 0;
        try
        {
            foreach (var message in run)
            {
                // Stop well before the lease runs out, or another dispatcher could take the rest while we still send it.
                if (attempted > 0 && _time.GetUtcNow() - claimedAt >= _outbox.ClaimLease / 2) break;
                attempted++;
                // Every line logged while this message is handled (here and by the platform's client) names its incident or gate.
                using var subject = SubjectLogScope.Begin(_logger, OutboxSubject.Of(message));
                var result = await WaitingForEarlierCardsAsync(message, cancellationToken)
                    ?? (_senders.TryGetValue(message.Platform, out var sender)
                        ? await SendWithinAsync(sender, message, _outbox.ClaimLease / 2, cancellationToken)
                        : DeliveryResult.Permanent($"no sender for platform '{message.Platform}' is configured"));
                if (result.Outcome == DeliveryOutcome.Delivered)
                {
                    sent.Add(message.Id);
                    continue;
                }

                await RecordSentAndReleaseAsync(run, sent, attempted);
                await RecordFailureAsync(message, result);
                return attempted;
            }
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            // Stopping: keep what was delivered, and hand back the rest (including a send cut short, which may go out twice).
            await RecordSentAndReleaseAsync(run, sent, sent.Count);
            throw;
        }

        await RecordSentAndReleaseAsync(run, sent, attempted);
        return attempted;
    }

    /// <summary>Marks <paramref name="sent"/> sent and releases the messages of the run from <paramref name="handledCount"/> on.</summary>
    private Task RecordSentAndReleaseAsync(IReadOnlyList<OutboxEntry> run, List<long> sent, int handledCount) =>
        _outbox.CompleteRunAsync(sent, [.. run.Skip(handledCount).Select(message => message.Id)], _claimant, CancellationToken.None);

    private async Task RecordFailureAsync(OutboxEntry message, DeliveryResult result)
    {
        if (result.Outcome == DeliveryOutcome.Retry && _time.GetUtcNow() - message.CreatedAt < _options.RetryFor)
        {
            var retryAt = _time.GetUtcNow() + (result.RetryAfter ?? Backoff(message.Attempts));
            LogRetrying(message.Id, message.Platform, message.ChannelKey, result.Error, retryAt);
            await _outbox.MarkFailedAsync(message.Id, result.Error ?? "failed", retryAt, CancellationToken.None);
            return;
        }

        LogDeadLettered(message.Id, message.Platform, message.ChannelKey, result.Error);
        // The incident or gate the message was about gets a timeline note in the same transaction.
        await _outbox.MarkDeadAsync(message.Id, result.Error ?? "failed", _timelineNote, CancellationToken.None);
    }

    /// <summary>A refresh of a subject's cards waits until the cards about it queued before it are out (or given up on).</summary>
    private async Task<DeliveryResult?> WaitingForEarlierCardsAsync(OutboxEntry message, CancellationToken cancellationToken)
    {
        if (message.Kind != OutboxWriter.RefreshKind) return null;
        CardRefresh refresh;
        try
        {
            refresh = OutboxWriter.ReadRefresh(message.Payload);
        }
        catch (System.Text.Json.JsonException)
        {
            return null;
        }

        return await _outbox.HasEarlierPendingAsync(message, OutboxWriter.MessageKind, refresh.Subject, refresh.QueuedAfter, cancellationToken)
            ? DeliveryResult.Retry($"waiting for the earlier cards about {refresh.Subject} to be delivered first", TimeSpan.FromSeconds(1))
            : null;
    }

    /// <summary>Sends <paramref name="message"/>, giving up after <paramref name="limit"/> (a platform that hangs) to retry it later.</summary>
    private async Task<DeliveryResult> SendWithinAsync(IMessageSender sender, OutboxEntry message, TimeSpan limit, CancellationToken stoppingToken)
    {
        using var deadline = new CancellationTokenSource(limit, _time);
        using var deadlineOrStop = CancellationTokenSource.CreateLinkedTokenSource(deadline.Token, stoppingToken);
        try
        {
            return await sender.SendAsync(message, deadlineOrStop.Token);
        }
        catch (OperationCanceledException) when (deadline.IsCancellationRequested && !stoppingToken.IsCancellationRequested)
        {
            return DeliveryResult.Retry($"{PlatformNames.Of(message.Platform)} did not answer within {ReadableTime.Span(limit)}");
        }
        catch (Exception e) when (e is not OperationCanceledException || !stoppingToken.IsCancellationRequested)
        {
            return DeliveryResult.Retry($"{e.GetType().Name}: {e.Message}");
        }
    }

    private TimeSpan Backoff(int attempts)
    {
        var exponential = _options.FirstBackoff * Math.Pow(2, Math.Min(attempts, 20));
        var capped = exponential < _options.MaxBackoff ? exponential : _options.MaxBackoff;
        // Full jitter between half and all of the backoff keeps retries of many messages apart.
#pragma warning disable CA5394 // jitter, not security
        return capped * (0.5 + (Random.Shared.NextDouble() / 2));
#pragma warning restore CA5394
    }

    private async Task SleepUntilAsync(Channel<bool> wake, DateTimeOffset? next, CancellationToken stoppingToken)
    {
        var delay = next is { } due ? due - _time.GetUtcNow() : Timeout.InfiniteTimeSpan;
        if (next is not null && delay <= TimeSpan.Zero) return;
        await StoreSleep.UntilWokenAsync(wake, _signals.Bounded(delay), _time, stoppingToken);
    }

    private static Channel<bool> NewWake() =>
        Channel.CreateBounded<bool>(new BoundedChannelOptions(1) { FullMode = BoundedChannelFullMode.DropWrite });

    private void Wake(object? sender, EventArgs e)
    {
        foreach (var wake in _lanes.Values) wake.Writer.TryWrite(true);
    }

    [LoggerMessage(EventId = 200, Level = LogLevel.Warning, Message = "Message {MessageId} to {Platform}/{Channel} failed ({Error}); retrying at {RetryAt:o}")]
    private partial void LogRetrying(long messageId, string platform, string channel, string? error, DateTimeOffset retryAt);

    [LoggerMessage(EventId = 201, Level = LogLevel.Error, Message = "Message {MessageId} to {Platform}/{Channel} dead-lettered: {Error}")]
    private partial void LogDeadLettered(long messageId, string platform, string channel, string? error);

    [LoggerMessage(EventId = 202, Level = LogLevel.Error, Message = "The outbox dispatcher failed; retrying shortly")]
    private partial void LogDispatcherFailed(Exception exception);
}
