using System.Collections.Concurrent;
using SecBot.Storage.Inbound;
using SecBot.Storage.Slack;

namespace SecBot.Host.Slack;

/// <summary>
/// Handles each Slack delivery once however often Slack delivers it (slack-protocol.md §4, contract.md "Guarantees"),
/// without losing it when its handling fails or the process dies. The idempotency key is claimed first, so a
/// redelivery finds it and changes nothing; the command's first committed write settles the claim in that same
/// transaction (<see cref="InboundKeyScope"/>), so a crash can never leave the change without the settled key or the
/// settled key without the change, and a claim left unsettled by a dead process is taken again by Slack's retry once
/// its lease has run out. If the handling throws before the command's change is in (the handler calls
/// <see cref="Progress.Committed"/> once it may be; a refusal changes nothing, so after one the handler does not),
/// the key is forgotten again (compensation) and the retry is processed. A failure after the change committed keeps
/// the key: running the command again would change state twice, so only its reply is lost, and that is logged. A
/// redelivery that arrives while the first is still being handled (Slack's <c>http_timeout</c> retry comes after
/// 3 seconds) is told <see cref="OnceOutcome.Running"/>.
/// With <see cref="OnceMode.ForgetUnlessCommitted"/> (buttons and modal submissions, which a person repeats on purpose)
/// the key is also forgotten when the handling finished without committing anything, e.g. a refusal: the same press
/// or submission, made again once the problem is fixed, is processed and answered instead of silently dropped.
/// </summary>
internal sealed class SlackOnce(SlackInboundKeys keys, ILogger<SlackOnce> logger)
{
    private readonly ConcurrentDictionary<(string Source, string Key), byte> _running = new();

    public async Task<OnceOutcome> RunAsync(string source, string key, Func<Progress, Task> handle, CancellationToken cancellationToken) =>
        await RunAsync(source, key, OnceMode.KeepKey, handle, cancellationToken);

    public async Task<OnceOutcome> RunAsync(string source, string key, OnceMode mode, Func<Progress, Task> handle, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(handle);
        if (!_running.TryAdd((source, key), 0))
        {
            SlackLog.StillRunning(logger, source, key);
            return OnceOutcome.Running;
        }

        try
        {
            if (!await keys.TryClaimAsync(source, key, cancellationToken))
            {
                SlackLog.Duplicate(logger, source, key);
                return OnceOutcome.Duplicate;
            }

            var progress = new Progress();
            try
            {
                using (InboundKeyScope.Enter(source, key))
                {
                    await handle(progress);
                }

                if (mode == OnceMode.ForgetUnlessCommitted && !progress.IsCommitted) await ForgetAsync(source, key);
                else await SettleAsync(source, key);
                return OnceOutcome.Handled;
            }
            catch (Exception e) when (progress.IsCommitted && !IsCancellation(e, cancellationToken))
            {
                SlackLog.ReplyLost(logger, source, key, e);
                await SettleAsync(source, key);
                return OnceOutcome.Handled;
            }
            catch (Exception e) when (!progress.IsCommitted)
            {
                await ForgetAsync(source, key);
                if (IsCancellation(e, cancellationToken)) throw;
                SlackLog.HandlingFailed(logger, source, key, e);
                return OnceOutcome.Failed;
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
            SlackLog.ForgetFailed(logger, source, key, e);
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
            SlackLog.SettleFailed(logger, source, key, e);
        }
    }

    /// <summary>How far a handling got: <see cref="Committed"/> once the command's own change is in the database.</summary>
    internal sealed class Progress
    {
        public bool IsCommitted { get; private set; }

        public void Committed() => IsCommitted = true;
    }
}

internal enum OnceMode
{
    /// <summary>A handled delivery's key stays, committed or not (events: a retry of a refused command is not answered twice).</summary>
    KeepKey,

    /// <summary>A handling that committed nothing (a refusal) forgets its key, so doing the same thing again is processed.</summary>
    ForgetUnlessCommitted,
}

internal enum OnceOutcome
{
    /// <summary>First delivery, handled (or its change committed and only the reply was lost).</summary>
    Handled,

    /// <summary>Seen and handled before: nothing done again.</summary>
    Duplicate,

    /// <summary>The first delivery of this key is still being handled in this process.</summary>
    Running,

    /// <summary>The handling failed before changing anything; the key was forgotten, so a redelivery is processed.</summary>
    Failed,
}
