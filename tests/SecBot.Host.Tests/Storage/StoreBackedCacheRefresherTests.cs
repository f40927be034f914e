using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Time.Testing;
using SecBot.Chat;
using SecBot.Host.Storage;
using SecBot.Storage;

namespace SecBot.Host.Tests.Storage;

public sealed class StoreBackedCacheRefresherTests
{
    private static readonly DateTimeOffset Start = new(2026, 3, 2, 9, 0, 0, TimeSpan.Zero);

    [Fact]
    public async Task Where_only_this_process_writes_nothing_is_reloaded()
    {
        var time = new FakeTimeProvider(Start);
        var cache = new CountingCache();
        using var refresher = new StoreBackedCacheRefresher(new Signals(null), [cache], time, NullLogger<StoreBackedCacheRefresher>.Instance);

        await refresher.StartAsync(CancellationToken.None);
        await refresher.ExecuteTask!.WaitAsync(TimeSpan.FromSeconds(30));
        time.Advance(TimeSpan.FromHours(1));

        Assert.Equal(0, cache.Loads);
        await refresher.StopAsync(CancellationToken.None);
    }

    [Fact]
    public async Task With_other_replicas_every_cache_is_reloaded_on_the_fake_clock()
    {
        var time = new FakeTimeProvider(Start);
        var cache = new CountingCache();
        using var refresher = new StoreBackedCacheRefresher(new Signals(TimeSpan.FromSeconds(2)), [cache], time, NullLogger<StoreBackedCacheRefresher>.Instance);
        await refresher.StartAsync(CancellationToken.None);

        // The loop starts on a pool thread: step the fake clock a period at a time until it has reloaded twice.
        for (var step = 0; step < 600 && cache.Loads < 2; step++)
        {
            time.Advance(StoreBackedCacheRefresher.RefreshEvery);
            await Task.Delay(TimeSpan.FromMilliseconds(50), TimeProvider.System);
        }

        Assert.True(cache.Loads >= 2);
        Assert.False(refresher.ExecuteTask!.IsCompleted);
        await refresher.StopAsync(CancellationToken.None);
    }

    [Fact]
    public async Task One_cache_failing_to_reload_does_not_keep_the_others_stale()
    {
        var failing = new CountingCache { Fails = true };
        var cache = new CountingCache();
        using var refresher = new StoreBackedCacheRefresher(
            new Signals(TimeSpan.FromSeconds(2)), [failing, cache], new FakeTimeProvider(Start), NullLogger<StoreBackedCacheRefresher>.Instance);

        await refresher.RefreshAsync(CancellationToken.None);
        await refresher.RefreshAsync(CancellationToken.None);

        Assert.Equal((2, 2), (failing.Loads, cache.Loads));
    }

    private sealed class Signals(TimeSpan? lookAgainAfter) : IStoreSignals
    {
        public event EventHandler<EventArgs>? OutboxChanged { add { } remove { } }

        public event EventHandler<TimersChangedEventArgs>? TimersChanged { add { } remove { } }

        public TimeSpan? LookAgainAfter => lookAgainAfter;
    }

    private sealed class CountingCache : IStoreBackedCache
    {
        private int _loads;

        public bool Fails { get; init; }

        public int Loads => Volatile.Read(ref _loads);

        public Task LoadAsync(CancellationToken cancellationToken)
        {
            Interlocked.Increment(ref _loads);
            return Fails ? Task.FromException(new IOException("the database went away")) : Task.CompletedTask;
        }
    }
}
