using System.Net.ServerSentEvents;
using System.Runtime.CompilerServices;
using System.Threading.Channels;
using SecBot.Host.Background;
using SecBot.Storage;

namespace SecBot.Host.WebConsole;

/// <summary>
/// <c>GET /board/stream</c>: the board's HTML fragment as a server-sent event (<c>board</c>) at once, then again whenever
/// it differs after a commit. It sleeps on the store's signals as <see cref="GateApi.GateWatch"/> does (and at most
/// <see cref="IStoreSignals.LookAgainAfter"/> where other replicas write), and looks again every <see cref="RefreshEvery"/>
/// anyway, for ages and due times (a message given up on or a timer parked is signalled as an outbox commit). A burst of
/// commits is pushed once: no push comes sooner than <see cref="PushGap"/> after the last. All on the host's <see cref="TimeProvider"/>.
/// Ends when the client goes or the host begins to stop.
/// </summary>
public sealed partial class BoardStream(BoardReader reader, IStoreSignals signals, TimeProvider time, IHostApplicationLifetime lifetime, ILogger<BoardStream> logger)
{
    public const string EventType = "board";

    /// <summary>The least time between two pushes: at most four a second, however fast commits come.</summary>
    public static readonly TimeSpan PushGap = TimeSpan.FromMilliseconds(250);

    /// <summary>How often the board is read with no signal.</summary>
    public static readonly TimeSpan RefreshEvery = TimeSpan.FromSeconds(20);

    public async IAsyncEnumerable<SseItem<string>> EventsAsync([EnumeratorCancellation] CancellationToken cancellationToken)
    {
        var wake = Channel.CreateBounded<bool>(new BoundedChannelOptions(1) { FullMode = BoundedChannelFullMode.DropWrite });
        void Wake(object? sender, EventArgs e) => wake.Writer.TryWrite(true);

        // Listening before the first read: a change committed between the two still wakes the stream.
        signals.OutboxChanged += Wake;
        signals.TimersChanged += Wake;
        using var stopping = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken, lifetime.ApplicationStopping);
        try
        {
            string? pushed = null;
            var pushedAt = time.GetTimestamp();
            while (true)
            {
                wake.Reader.TryRead(out _);
                if (await TryReadAsync(stopping.Token) is not { } board) yield break;
                if (board != pushed)
                {
                    yield return new SseItem<string>(board, EventType);
                    pushed = board;
                    pushedAt = time.GetTimestamp();
                }

                if (!await SleepAsync(wake, pushedAt, stopping.Token)) yield break;
            }
        }
        finally
        {
            signals.OutboxChanged -= Wake;
            signals.TimersChanged -= Wake;
        }
    }

    /// <summary>The board's fragment now; null when the stream is to end (stopping, the client gone, or the store failing).</summary>
    private async Task<string?> TryReadAsync(CancellationToken stopping)
    {
        try
        {
            return BoardHtml.Fragment(await reader.ReadAsync(stopping));
        }
        catch (OperationCanceledException) when (stopping.IsCancellationRequested)
        {
            return null;
        }
        catch (Exception exception) when (exception is not OperationCanceledException)
        {
            // The page's EventSource reconnects by itself, and reads again then.
            LogStreamEnded(logger, exception);
            return null;
        }
    }

    /// <summary>Until a commit or <see cref="RefreshEvery"/>, then no sooner than <see cref="PushGap"/> after the last push; false when stopping.</summary>
    private async Task<bool> SleepAsync(Channel<bool> wake, long pushedAt, CancellationToken stopping)
    {
        try
        {
            await StoreSleep.UntilWokenAsync(wake, signals.Bounded(RefreshEvery), time, stopping);
            var since = time.GetElapsedTime(pushedAt);
            if (since < PushGap) await Task.Delay(PushGap - since, time, stopping);
            return true;
        }
        catch (OperationCanceledException) when (stopping.IsCancellationRequested)
        {
            return false;
        }
    }

    [LoggerMessage(EventId = 1321, Level = LogLevel.Warning, Message = "The board stream could not read the board and ends; the page reconnects")]
    private static partial void LogStreamEnded(ILogger logger, Exception exception);
}
