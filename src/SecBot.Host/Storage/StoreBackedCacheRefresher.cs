using SecBot.Chat;
using SecBot.Storage;

namespace SecBot.Host.Storage;

/// <summary>
/// Where other replicas write the same database (<see cref="IStoreSignals.LookAgainAfter"/> is set), reloads what this
/// process keeps in memory beside the store every <see cref="RefreshEvery"/>, so an identity or a Teams conversation
/// another replica learned is used here too, not looked up again or taken for unreachable. With SQLite it does nothing:
/// every change goes through this process.
/// </summary>
public sealed partial class StoreBackedCacheRefresher(
    IStoreSignals signals, IEnumerable<IStoreBackedCache> caches, TimeProvider time, ILogger<StoreBackedCacheRefresher> logger) : BackgroundService
{
    public static readonly TimeSpan RefreshEvery = TimeSpan.FromSeconds(10);

    private readonly IReadOnlyList<IStoreBackedCache> _caches = [.. caches];

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        if (signals.LookAgainAfter is null || _caches.Count == 0) return;
        try
        {
            while (true)
            {
                await Task.Delay(RefreshEvery, time, stoppingToken);
                await RefreshAsync(stoppingToken);
            }
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
            // Stopping.
        }
    }

    /// <summary>Reloads every cache once; a failure is logged and the next round tries again.</summary>
    public async Task RefreshAsync(CancellationToken cancellationToken)
    {
        foreach (var cache in _caches)
        {
            try
            {
                await cache.LoadAsync(cancellationToken);
            }
            catch (Exception e) when (e is not OperationCanceledException)
            {
                LogRefreshFailed(e, cache.GetType().Name, RefreshEvery);
            }
        }
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Reloading {Cache} from the shared database failed; trying again in {RetryAfter}")]
    private partial void LogRefreshFailed(Exception exception, string cache, TimeSpan retryAfter);
}
