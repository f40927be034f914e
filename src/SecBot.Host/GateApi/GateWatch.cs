using System.Threading.Channels;
using SecBot.Host.Background;
using SecBot.Storage;
using SecBot.Storage.Reviews;

namespace SecBot.Host.GateApi;

/// <summary>
/// Reads a gate's JSON, and holds a <c>?wait=</c> until it changes. A wait costs no polling: every gate change queues
/// outbox messages, so it sleeps until a commit signals <see cref="IStoreSignals.OutboxChanged"/> (or, where other replicas
/// write the same database, at most <see cref="IStoreSignals.LookAgainAfter"/>), then reads the gate once more; on the
/// host's <see cref="TimeProvider"/>, so tests move a fake clock rather than wait. When the host begins to stop, every wait
/// answers at once with the gate as it is, so a graceful shutdown is not held up by waiters.
/// </summary>
public sealed class GateWatch(
    IStore store, GateRepository gates, GateResources resources, IStoreSignals signals, TimeProvider time, IHostApplicationLifetime lifetime)
{
    /// <summary>The gate's JSON now; null when there is no such gate.</summary>
    public Task<byte[]?> ReadAsync(long number, string url, CancellationToken cancellationToken) =>
        store.ReadAsync(
            async connection => await gates.LoadAsync(connection, null, number, cancellationToken) is { } gate ? resources.JsonOf(gate, url) : null,
            cancellationToken);

    /// <summary>
    /// The gate's JSON as soon as anything in it differs from what it was when the wait began, else after <paramref name="wait"/>
    /// as it then is, or as soon as the host begins to stop; null when there is no such gate.
    /// </summary>
    /// <exception cref="OperationCanceledException"><paramref name="cancellationToken"/> was cancelled (the client went away).</exception>
    public async Task<byte[]?> WaitForChangeAsync(long number, string url, TimeSpan wait, CancellationToken cancellationToken)
    {
        var wake = Channel.CreateBounded<bool>(new BoundedChannelOptions(1) { FullMode = BoundedChannelFullMode.DropWrite });
        void Wake(object? sender, EventArgs e) => wake.Writer.TryWrite(true);

        // Listening before the first read: a change committed between the two still wakes the wait.
        signals.OutboxChanged += Wake;
        using var stopping = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken, lifetime.ApplicationStopping);
        try
        {
            var deadline = time.GetUtcNow() + wait;
            if (await ReadAsync(number, url, cancellationToken) is not { } first) return null;
            while (true)
            {
                var remaining = deadline - time.GetUtcNow();
                if (remaining <= TimeSpan.Zero) return first;
                try
                {
                    await StoreSleep.UntilWokenAsync(wake, signals.Bounded(remaining), time, stopping.Token);
                }
                catch (OperationCanceledException) when (lifetime.ApplicationStopping.IsCancellationRequested && !cancellationToken.IsCancellationRequested)
                {
                    return await ReadAsync(number, url, cancellationToken) ?? first;
                }

                if (lifetime.ApplicationStopping.IsCancellationRequested) return await ReadAsync(number, url, cancellationToken) ?? first;
                var now = await ReadAsync(number, url, cancellationToken);
                if (now is null || !now.AsSpan().SequenceEqual(first)) return now ?? first;
            }
        }
        finally
        {
            signals.OutboxChanged -= Wake;
        }
    }
}
