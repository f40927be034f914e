using System.Collections.Concurrent;
using Microsoft.Extensions.Logging;
using SecBot.Host.Clock;
using SecBot.Host.Tests.Support;
using SecBot.Storage;
using SecBot.Storage.Timers;

namespace SecBot.Host.Tests.Incidents;

/// <summary>The clock on a fake TimeProvider: a timer due further ahead than Task.Delay can wait is slept towards a day at a time, not failed on.</summary>
public sealed class FarTimerTests
{
    private static readonly DateTimeOffset Start = new(2026, 3, 2, 9, 0, 0, TimeSpan.Zero);

    [Fact]
    public async Task A_timer_due_months_ahead_neither_fails_the_clock_nor_is_lost()
    {
        using var dir = new TempDirectory();
        var time = new WatchedClock(Start);
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
        var due = Start + TimeSpan.FromDays(60);
        await app.Services.GetRequiredService<TimerRepository>().ScheduleAsync(RecordingHandler.TimerKind, "FAR-1", due, null, CancellationToken.None);

        await app.StartAsync();

        // The clock sleeps towards the timer a day at a time; each time it is asleep, the fake day passes.
        for (var wakeAt = Start + TimerClock.LongestSleep; wakeAt < due; wakeAt += TimerClock.LongestSleep)
        {
            await time.AdvanceWhenAsleepUntilAsync(wakeAt, $"the clock to sleep until {wakeAt:o}");
            Assert.True(errors.IsEmpty, string.Join("\n", errors));
        }

        await time.AdvanceWhenAsleepUntilAsync(due, "the clock to sleep until the timer is due");
        await handler.Fired.Task.WaitAsync(TimeSpan.FromSeconds(60));
        await app.StopAsync();

        Assert.True(errors.IsEmpty, string.Join("\n", errors));
        Assert.Equal(TimerClock.LongestSleep, time.LongestTimer);
        Assert.Equal(["FAR-1"], handler.Subjects);
        Assert.Equal(due, handler.FiredAt);
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
