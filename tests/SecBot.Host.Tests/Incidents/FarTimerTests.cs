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
        var log = LogCapture.Of<TimerClock>();
        var handler = new RecordingHandler();
        var app = await SecBotApp.CreateAsync(
            ["--urls", "http://127.0.0.1:0", $"--SecBot:Database:Path={dir.File("secbot.db")}"],
            PolicyFile.WriteCopy(dir),
            services =>
            {
                services.AddSingleton<TimeProvider>(time);
                services.AddSingleton<ILoggerProvider>(log);
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
            Assert.Empty(log.Errors);
        }

        await time.AdvanceWhenAsleepUntilAsync(due, "the clock to sleep until the timer is due");
        await handler.Fired.Task.WaitAsync(TimeSpan.FromSeconds(60));
        await app.StopAsync();

        Assert.Empty(log.Errors);
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
}
