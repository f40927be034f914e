using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Time.Testing;
using SecBot.Chat.Conversation;
using SecBot.Chat.Incidents;
using SecBot.Domain.Incidents;
using SecBot.Host.Clock;
using SecBot.Host.Tests.Incidents;
using SecBot.Host.Tests.Support;
using SecBot.Storage;
using SecBot.Storage.Incidents;
using SecBot.Storage.Timers;

namespace SecBot.Host.Tests.Delivery;

/// <summary>
/// A timer whose handler always throws (a poison timer) is retried with backoff a bounded number of times, then parked:
/// kept, out of the schedule, logged, on the incident's timeline and counted by <c>status</c>, never holding up others.
/// </summary>
public sealed class PoisonTimerTests
{
    private static readonly DateTimeOffset Start = new(2026, 3, 2, 9, 0, 0, TimeSpan.Zero);

    [Fact]
    public async Task A_timer_that_keeps_failing_is_retried_with_backoff_then_parked_after_five_attempts()
    {
        using var dir = new TempDirectory();
        var time = new FakeTimeProvider(Start);
        var (app, poison, good, log) = await CreateAsync(dir, time);
        await using var _ = app;
        var clock = app.Services.GetRequiredService<TimerClock>();
        var timers = app.Services.GetRequiredService<TimerRepository>();
        await ScheduleAsync(app, PoisonHandler.TimerKind, time.GetUtcNow());
        await ScheduleAsync(app, GoodHandler.TimerKind, time.GetUtcNow());

        await clock.FireDueAsync(CancellationToken.None);
        Assert.Equal(1, good.Calls);
        foreach (var wait in new[] { 1, 2, 4, 8 }.Select(m => TimeSpan.FromMinutes(m)))
        {
            Assert.Equal(time.GetUtcNow() + wait, await timers.NextDueAtAsync(CancellationToken.None));
            time.Advance(wait - TimeSpan.FromSeconds(1));
            Assert.Equal(0, await clock.FireDueAsync(CancellationToken.None));
            time.Advance(TimeSpan.FromSeconds(1));
            Assert.Equal(1, await clock.FireDueAsync(CancellationToken.None));
        }

        Assert.Equal(TimerClock.MaxAttempts, poison.Calls);
        Assert.Null(await timers.NextDueAtAsync(CancellationToken.None));
        time.Advance(TimeSpan.FromDays(7));
        Assert.Equal(0, await clock.FireDueAsync(CancellationToken.None));
        Assert.Equal(TimerClock.MaxAttempts, poison.Calls);

        var row = Assert.Single(await app.Services.GetRequiredService<TimerRepository>().ListAllAsync(CancellationToken.None), t => t.Kind == PoisonHandler.TimerKind);
        Assert.Equal((5, "InvalidDataException: poison"), (row.Attempts, row.LastError));
        Assert.NotNull(row.FailedAt);
        Assert.Single(log.Entries, e => e.EventId == 104 && e.Level == LogLevel.Error && e.Message.Contains("INC-1", StringComparison.Ordinal));
        Assert.Equal(4, log.Entries.Count(e => e.EventId == 101));
    }

    [Fact]
    public async Task A_parked_timer_is_on_the_incident_timeline_and_counted_by_status()
    {
        using var dir = new TempDirectory();
        var time = new FakeTimeProvider(Start);
        var (app, _, _, _) = await CreateAsync(dir, time);
        await using var __ = app;
        var clock = app.Services.GetRequiredService<TimerClock>();
        await ScheduleAsync(app, PoisonHandler.TimerKind, time.GetUtcNow());
        for (var attempt = 1; attempt <= TimerClock.MaxAttempts; attempt++)
        {
            await clock.FireDueAsync(CancellationToken.None);
            time.Advance(TimeSpan.FromHours(1));
        }

        var notes = await app.Services.GetRequiredService<IncidentRepository>().TimelineAsWrittenAsync(1, CancellationToken.None);
        var status = await app.Services.GetRequiredService<IncidentCommands>().StatusAsync(null, ChatPlace.Direct("D0DIRECT"), CancellationToken.None);

        var note = Assert.Single(notes);
        Assert.Equal(("timer-failed", "secbot"), (note.Kind, note.Actor));
        Assert.Equal("the test-poison timer failed 5 times and was given up on: InvalidDataException: poison", note.Detail);
        var timer = Assert.Single(await app.Services.GetRequiredService<TimerRepository>().ListAllAsync(CancellationToken.None)).Id;
        Assert.EndsWith($"⚠ 1 timer failed and was given up on (retry TMR-n re-queues one): TMR-{timer} test-poison for INC-1 after 5 attempts: InvalidDataException: poison", status.Text, StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_running_clock_neither_spins_on_a_failing_timer_nor_stops_at_it()
    {
        using var dir = new TempDirectory();
        var time = new WatchedClock(Start);
        var (app, poison, good, log) = await CreateAsync(dir, time);
        await using var _ = app;
        var goodAt = Start + TimeSpan.FromMinutes(30);
        await ScheduleAsync(app, PoisonHandler.TimerKind, Start);
        await ScheduleAsync(app, GoodHandler.TimerKind, goodAt);

        await app.StartAsync();

        // After the first failure the clock goes to sleep until the retry a minute later, rather than trying again now.
        await time.WaitUntilAsleepUntilAsync(Start + TimeSpan.FromMinutes(1), "the clock to sleep until the first retry");
        Assert.Equal(1, poison.Calls);

        // Each retry comes after twice the wait before it; after the fifth failure the clock sleeps until the good timer.
        foreach (var retryAt in new[] { 1, 3, 7, 15 }.Select(m => Start + TimeSpan.FromMinutes(m)))
        {
            await time.AdvanceWhenAsleepUntilAsync(retryAt, $"the clock to sleep until the retry at {retryAt:t}");
        }

        await time.AdvanceWhenAsleepUntilAsync(goodAt, "the clock to sleep until the good timer");
        await DatabaseFile.WaitUntilAsync(() => Task.FromResult(good.Calls == 1), "the good timer to fire");
        await app.StopAsync();

        Assert.Equal(TimerClock.MaxAttempts, poison.Calls);
        Assert.Equal(1, good.Calls);
        Assert.DoesNotContain(log.Entries, e => e.EventId == 103);
    }

    private static async Task<(WebApplication App, PoisonHandler Poison, GoodHandler Good, LogCapture Log)> CreateAsync(TempDirectory dir, TimeProvider time)
    {
        var poison = new PoisonHandler();
        var good = new GoodHandler();
        var log = LogCapture.Of<TimerClock>();
        var app = await SecBotApp.CreateAsync(
            ["--urls", "http://127.0.0.1:0", $"--SecBot:Database:Path={dir.File("secbot.db")}"],
            PolicyFile.WriteCopy(dir),
            services =>
            {
                services.AddSingleton<TimeProvider>(time);
                services.AddSingleton<ILoggerProvider>(log);
                services.AddSingleton<ITimerHandler>(poison);
                services.AddSingleton<ITimerHandler>(good);
            });
        var incidents = app.Services.GetRequiredService<IncidentRepository>();
        await app.Services.GetRequiredService<IStore>().WriteAsync(
            async transaction =>
            {
                var incident = new Incident
                {
                    Number = await incidents.NextNumberAsync(transaction),
                    Title = "Poisoned",
                    Type = "general",
                    Level = "L1",
                    State = IncidentState.Open,
                    DeclaredBy = "maya",
                    DeclaredAt = transaction.Now,
                };
                await incidents.SaveAsync(transaction, null, new IncidentDecision(incident, [], [], []));
            },
            CancellationToken.None);
        return (app, poison, good, log);
    }

    private static Task ScheduleAsync(WebApplication app, string kind, DateTimeOffset dueAt) =>
        app.Services.GetRequiredService<TimerRepository>().ScheduleAsync(kind, "INC-1", dueAt, null, CancellationToken.None);

    private sealed class PoisonHandler : ITimerHandler
    {
        public const string TimerKind = "test-poison";
        private int _calls;

        public string Kind => TimerKind;

        public int Calls => Volatile.Read(ref _calls);

        public async Task FireAsync(StoreTransaction transaction, DueTimer timer)
        {
            Interlocked.Increment(ref _calls);
            // Half-done work that must roll back with the failure.
            await transaction.AppendIncidentEventAsync(1, "half-done", "secbot");
            throw new InvalidDataException("poison");
        }
    }

    private sealed class GoodHandler : ITimerHandler
    {
        public const string TimerKind = "test-good";
        private int _calls;

        public string Kind => TimerKind;

        public int Calls => Volatile.Read(ref _calls);

        public Task FireAsync(StoreTransaction transaction, DueTimer timer)
        {
            Interlocked.Increment(ref _calls);
            return Task.CompletedTask;
        }
    }
}
