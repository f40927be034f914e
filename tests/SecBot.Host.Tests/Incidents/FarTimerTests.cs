using System.Collections.Concurrent;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Time.Testing;
using SecBot.Host.Clock;
using SecBot.Host.Tests.Support;
using SecBot.Storage;
using SecBot.Storage.Timers;

namespace SecBot.Host.Tests.Incidents;

/// <summary>The clock on a fake TimeProvider: a timer due further ahead than Task.Delay can wait is slept towards, not failed on.</summary>
public sealed class FarTimerTests
{
    [Fact]
    public async Task A_timer_due_months_ahead_neither_fails_the_clock_nor_is_lost()
    {
        using var dir = new TempDirectory();
        var time = new RecordingTime(new FakeTimeProvider(new DateTimeOffset(2026, 3, 2, 9, 0, 0, TimeSpan.Zero)));
        var errors = new ErrorLog();
        var handler = new RecordingHandler();
        var app = await SecBotApp.CreateAsync(
            ["--urls", "http://127.0.0.1:0", $"--SecBot:Database:Path={dir.File("secbot.db")}"],
            PolicyFile.WriteCopy(dir),
            services =>
            {
                services.AddSingleton<TimeProvider>(time);
                services.AddSingleton<ILoggerProvider>(errors);
                services.AddSingleton<ITimerHandler>(handler);
            });
        await using var _ = app;
        await app.Services.GetRequiredService<TimerRepository>()
            .ScheduleAsync(RecordingHandler.TimerKind, "FAR-1", time.GetUtcNow() + TimeSpan.FromDays(60), null, CancellationToken.None);

        await app.StartAsync();
        await DatabaseFile.WaitUntilAsync(() => Task.FromResult(time.LongestTimer >= TimeSpan.FromHours(1) || !errors.IsEmpty), "the clock to go to sleep");
        Assert.True(errors.IsEmpty, string.Join("\n", errors));
        Assert.InRange(time.LongestTimer, TimeSpan.FromHours(1), TimerClock.LongestSleep);

        // Keep the fake days coming until it fires, whenever the clock happens to go back to sleep; the guard only stops a hang.
        using var guard = new CancellationTokenSource(TimeSpan.FromSeconds(60));
        while (!handler.Fired.Task.IsCompleted)
        {
            time.Inner.Advance(TimeSpan.FromHours(12));
            await Task.Delay(TimeSpan.FromMilliseconds(5), TimeProvider.System, guard.Token);
        }

        await app.StopAsync();
        Assert.True(errors.IsEmpty, string.Join("\n", errors));
        Assert.Equal(["FAR-1"], handler.Subjects);
        Assert.True(handler.FiredAt >= new DateTimeOffset(2026, 5, 1, 9, 0, 0, TimeSpan.Zero), $"fired at {handler.FiredAt:o}, not before it was due");
    }

    /// <summary>A fake clock that remembers the longest timer anyone asked it for.</summary>
    private sealed class RecordingTime(FakeTimeProvider inner) : TimeProvider
    {
        private long _longestTicks;

        public FakeTimeProvider Inner { get; } = inner;

        public TimeSpan LongestTimer => TimeSpan.FromTicks(Interlocked.Read(ref _longestTicks));

        public override DateTimeOffset GetUtcNow() => Inner.GetUtcNow();

        public override long GetTimestamp() => Inner.GetTimestamp();

        public override long TimestampFrequency => Inner.TimestampFrequency;

        public override TimeZoneInfo LocalTimeZone => Inner.LocalTimeZone;

        public override ITimer CreateTimer(TimerCallback callback, object? state, TimeSpan dueTime, TimeSpan period)
        {
            long seen;
            while (dueTime.Ticks > (seen = Interlocked.Read(ref _longestTicks)) && Interlocked.CompareExchange(ref _longestTicks, dueTime.Ticks, seen) != seen)
            {
            }

            return Inner.CreateTimer(callback, state, dueTime, period);
        }
    }

    private sealed class RecordingHandler : ITimerHandler
    {
        public const string TimerKind = "test-far-timer";

        public string Kind => TimerKind;

        public ConcurrentQueue<string> Subjects { get; } = new();

        public TaskCompletionSource Fired { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);

        public DateTimeOffset FiredAt { get; private set; }

        public Task FireAsync(StoreTransaction transaction, DueTimer timer)
        {
            Subjects.Enqueue(timer.Subject);
            FiredAt = transaction.Now;
            Fired.TrySetResult();
            return Task.CompletedTask;
        }
    }

    /// <summary>Collects error-level log entries from the clock.</summary>
    private sealed class ErrorLog : ILoggerProvider, IEnumerable<string>
    {
        private readonly ConcurrentQueue<string> _entries = new();

        public bool IsEmpty => _entries.IsEmpty;

        public ILogger CreateLogger(string categoryName) => new Logger(categoryName, _entries);

        public IEnumerator<string> GetEnumerator() => _entries.GetEnumerator();

        System.Collections.IEnumerator System.Collections.IEnumerable.GetEnumerator() => GetEnumerator();

        public void Dispose()
        {
        }

        private sealed class Logger(string category, ConcurrentQueue<string> entries) : ILogger
        {
            public IDisposable? BeginScope<TState>(TState state) where TState : notnull => null;

            public bool IsEnabled(LogLevel logLevel) => logLevel >= LogLevel.Error && category.Contains(nameof(TimerClock), StringComparison.Ordinal);

            public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter)
            {
                if (IsEnabled(logLevel)) entries.Enqueue($"{category}: {formatter(state, exception)} {exception}");
            }
        }
    }
}
