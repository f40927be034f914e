using SecBot.Host.ConsolePlatform;
using SecBot.Storage.Delivery;

namespace SecBot.Host.Terminal;

/// <summary>
/// Waits for the outbox to deliver what is queued: after each command the console platform's messages (so they are
/// printed before the next prompt), and at the end every platform's (so nothing the last commands caused is cut off by
/// quitting). The wait is bounded; what is still pending then is described, not waited on forever.
/// </summary>
public sealed class OutboxDrain(OutboxBacklog backlog, ConsoleInbox inbox, TimeProvider time)
{
    private static readonly TimeSpan LookAgainAfter = TimeSpan.FromMilliseconds(50);

    /// <summary>Empty once nothing of <paramref name="platform"/> (null: any platform) is pending; else what was still pending when <paramref name="limit"/> ran out.</summary>
    public async Task<IReadOnlyList<PlatformBacklog>> WaitAsync(string? platform, TimeSpan limit, CancellationToken cancellationToken)
    {
        var deadline = time.GetUtcNow() + limit;
        while (true)
        {
            var version = inbox.Version;
            var pending = (await backlog.ListAsync(cancellationToken)).Where(b => b.Pending > 0 && (platform is null || b.Platform == platform)).ToList();
            var left = deadline - time.GetUtcNow();
            if (pending.Count == 0 || left <= TimeSpan.Zero) return pending;
            using var look = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
            var delay = Task.Delay(left < LookAgainAfter ? left : LookAgainAfter, time, look.Token);
            await Task.WhenAny(delay, inbox.WaitForChangeAsync(version, look.Token));
            await look.CancelAsync();
        }
    }

    /// <summary>"2 messages for Slack were not delivered yet (last error: …); they stay queued and go out when SecBot runs again."</summary>
    public static string Describe(IReadOnlyList<PlatformBacklog> pending)
    {
        ArgumentNullException.ThrowIfNull(pending);
        return string.Join('\n', pending.Select(p =>
            $"Note: {p.Pending} message{(p.Pending == 1 ? "" : "s")} for {Chat.Delivery.PlatformNames.Of(p.Platform)} {(p.Pending == 1 ? "was" : "were")} not delivered yet"
            + (p.LastError is { } error ? $" (last error: {error})" : "")
            + "; queued messages stay in the database and go out when SecBot runs again."));
    }
}
