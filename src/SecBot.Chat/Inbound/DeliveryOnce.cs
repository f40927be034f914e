using System.Collections.Concurrent;
using Microsoft.Extensions.Logging;
using SecBot.Storage.Inbound;

namespace SecBot.Chat.Inbound;

/// <summary>
/// Handles each inbound delivery once however often its source delivers it (contract.md "Guarantees"; for Slack,
/// slack-protocol.md §4),
/// without losing it when its handling fails or the process dies. The idempotency key is claimed first, so a
/// redelivery finds it and changes nothing; the command's first committed write settles the claim in that same
/// transaction (<see cref="InboundKeyScope"/>), so a crash can never leave the change without the settled key or the
/// settled key without the change, and a claim left unsettled by a dead process is taken again by the sender's retry once
/// its lease has run out. If the handling throws before the command's change is in (the handler calls
/// <see cref="InboundProgress.Committed"/> once it may be, i.e. when <see cref="Conversation.ChatReply.Committed"/>),
/// the key is forgotten again (compensation) and the retry is processed. A failure after the change committed keeps
/// the key: running the command again would change state twice, so only its reply is lost, and that is logged. A
/// redelivery that arrives while the first is still being handled (e.g. Slack's <c>http_timeout</c> retry after
/// 3 seconds) is told <see cref="InboundOutcome.Running"/>.
/// With <see cref="InboundMode.ForgetUnlessCommitted"/> (buttons and form submissions, which a person repeats on purpose)
/// the key is also forgotten when the handling finished without committing anything, e.g. a refusal: the same press
/// or submission, made again once the problem is fixed, is processed and answered instead of silently dropped.
/// </summary>
public sealed partial class DeliveryOnce(InboundKeys keys, ILogger<DeliveryOnce> logger)
{
    private readonly ConcurrentDictionary<(string Source, string Key), byte> _running = new();

    public async Task<InboundOutcome> RunAsync(string source, string key, Func<InboundProgress, Task> handle, CancellationToken cancellationToken) =>
        await RunAsync(source, key, InboundMode.KeepKey, handle, cancellationToken);

    public async Task<InboundOutcome> RunAsync(string source, string key, InboundMode mode, Func<InboundProgress, Task> handle, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(handle);
        if (!_running.TryAdd((source, key), 0))
        {
            StillRunning(logger, source, key);
            return InboundOutcome.Running;
        }

        try
        {
            if (!await keys.TryClaimAsync(source, key, cancellationToken))
            {
                Duplicate(logger, source, key);
                return InboundOutcome.Duplicate;
            }

            var progress = new InboundProgress();
            try
            {
                using (InboundKeyScope.Enter(source, key))
                {
                    await handle(progress);
                }

                if (mode == InboundMode.ForgetUnlessCommitted && !progress.IsCommitted) await ForgetAsync(source, key);
                else await SettleAsync(source, key);
                return InboundOutcome.Handled;
            }
            catch (Exception e) when (progress.IsCommitted && !IsCancellation(e, cancellationToken))
            {
                ReplyLost(logger, source, key, e);
                await SettleAsync(source, key);
                return InboundOutcome.Handled;
            }
            catch (Exception e) when (!progress.IsCommitted)
            {
                await ForgetAsync(source, key);
                if (IsCancellation(e, cancellationToken)) throw;
                HandlingFailed(logger, source, key, e);
                return InboundOutcome.Failed;
            }
        }
        finally
        {
            _running.TryRemove((source, key), out _);
        }
    }

    private static bool IsCancellation(Exception e, CancellationToken cancellationToken) =>
        e is OperationCanceledException && cancellationToken.IsCancellationRequested;

    private async Task ForgetAsync(string source, string key)
    {
        try
        {
            // Not the request's token: a client that hung up is exactly the case whose retry must be processed.
            await keys.ForgetAsync(source, key, CancellationToken.None);
        }
#pragma warning disable CA1031 // logged: the handling's own failure is what the caller reports
        catch (Exception e)
#pragma warning restore CA1031
        {
            ForgetFailed(logger, source, key, e);
        }
    }

    private async Task SettleAsync(string source, string key)
    {
        try
        {
            // Usually a no-op: the command's own write settled the claim. Not the request's token, as above.
            await keys.SettleAsync(source, key, CancellationToken.None);
        }
#pragma warning disable CA1031 // logged: the delivery was handled; only its claim stays open until the lease runs out
        catch (Exception e)
#pragma warning restore CA1031
        {
            SettleFailed(logger, source, key, e);
        }
    }

    [LoggerMessage(EventId = 401, Level = LogLevel.Information, Message = "Inbound {Source} {Key} was seen before; nothing done again")]
    private static partial void Duplicate(ILogger logger, string source, string key);

    [LoggerMessage(EventId = 404, Level = LogLevel.Information, Message = "Inbound {Source} {Key} arrived again while its first delivery is still being handled")]
    private static partial void StillRunning(ILogger logger, string source, string key);

    [LoggerMessage(EventId = 405, Level = LogLevel.Error, Message = "Handling inbound {Source} {Key} failed before it changed anything; its key is forgotten so a retry is processed")]
    private static partial void HandlingFailed(ILogger logger, string source, string key, Exception exception);

    [LoggerMessage(EventId = 406, Level = LogLevel.Error, Message = "Inbound {Source} {Key} changed state, but its reply could not be queued")]
    private static partial void ReplyLost(ILogger logger, string source, string key, Exception exception);

    [LoggerMessage(EventId = 407, Level = LogLevel.Error, Message = "Could not forget the key of failed inbound {Source} {Key}; a retry of it will be taken for a duplicate")]
    private static partial void ForgetFailed(ILogger logger, string source, string key, Exception exception);

    [LoggerMessage(EventId = 410, Level = LogLevel.Warning, Message = "Could not settle the key of handled inbound {Source} {Key}; a retry after its claim lease would be handled again")]
    private static partial void SettleFailed(ILogger logger, string source, string key, Exception exception);
}
