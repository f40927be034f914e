using Microsoft.Extensions.Time.Testing;
using SecBot.Chat.Conversation;
using SecBot.Host.Clock;
using SecBot.Host.Tests.Support;
using SecBot.Storage.Delivery;
using static SecBot.Domain.Incidents.IncidentEventKinds;

namespace SecBot.Host.Tests.Incidents;

/// <summary>
/// The escalation timer end to end through SecBotApp, on a fake clock the test moves: the TimerClock background service
/// sleeps until the next due timer (woken by the commit that set it) and fires it at that instant, and a host restarted
/// on the same file fires, once, whatever came due while it was down. Messages go to the console platform.
/// </summary>
public sealed class EscalationClockTests
{
    private static readonly DateTimeOffset Start = new(2026, 3, 2, 9, 0, 0, TimeSpan.Zero);
    private static readonly TimeSpan L1AckTimeout = TimeSpan.FromMinutes(7);

    private static string PolicyWithL1AckTimeout(TempDirectory dir) =>
        PolicyFile.WriteCopy(dir, root => root["SecBot"]!["Escalation"]!["Levels"]!.AsArray()[0]!["AckTimeout"] = L1AckTimeout.ToString());

    private static async Task<ChatReply> SayAsync(RunningHost host, string personId, string text) =>
        await host.App.Services.GetRequiredService<ChatRouter>().HandleAsync(
            new ChatRequest(new ChatIdentity("console", personId), ChatPlace.Direct(), new TextInput(text)), CancellationToken.None);

    [Fact]
    public async Task The_clock_repages_and_then_escalates_each_at_the_instant_its_ack_timeout_runs_out()
    {
        using var dir = new TempDirectory();
        var database = new DatabaseFile(dir.File("secbot.db"));
        var clock = new WatchedClock(Start);
        await using var host = await RunningHost.StartAsync(PolicyWithL1AckTimeout(dir), database.Path, clock);

        var reply = await SayAsync(host, "sam", "declare Beacon to a known C2 host");
        Assert.False(reply.IsRefusal, reply.Text);
        var repage = Assert.Single(await database.TimersOfAsync("INC-1"));
        Assert.Equal(Start + L1AckTimeout, repage.Due);

        await clock.AdvanceWhenAsleepUntilAsync(repage.Due, "the clock to sleep until the re-page");
        await DatabaseFile.WaitUntilAsync(async () => (await database.TimersOfAsync("INC-1")).Count == 2, "the re-page");
        var escalation = (await database.TimersOfAsync("INC-1"))[1];
        Assert.Equal(repage.Due + L1AckTimeout, escalation.Due);
        Assert.Equal(1, (await database.TimelineKindsAsync(1)).Count(k => k == Repaged));

        await clock.AdvanceWhenAsleepUntilAsync(escalation.Due, "the clock to sleep until the escalation");
        await DatabaseFile.WaitUntilAsync(
            async () => (await database.IncidentAsync(1)).Level == "L2", "the automatic escalation to L2");

        var timers = await database.TimersOfAsync("INC-1");
        Assert.All(timers.Take(2), timer => Assert.Equal(TimeSpan.Zero, timer.Lateness));
        Assert.Null(Assert.Single(timers.Skip(2)).FiredAt);
        var kinds = (await database.TimelineKindsAsync(1)).ToList();
        Assert.True(kinds.IndexOf(Repaged) > kinds.IndexOf(Paged) && kinds.IndexOf(AutoEscalated) > kinds.IndexOf(Repaged), string.Join(", ", kinds));
        var pages = (await database.IncidentAsync(1)).Pages;
        var firstPages = pages.Count(p => p.Level == "L1" && p.Attempt == 1);
        Assert.Equal(firstPages, pages.Count(p => p.Level == "L1" && p.Attempt == 2));
        Assert.Contains(pages, p => p.Level == "L2");
    }

    [Fact]
    public async Task Pages_and_announcements_are_queued_for_the_console_platform_and_delivered()
    {
        using var dir = new TempDirectory();
        var database = new DatabaseFile(dir.File("secbot.db"));
        await using var host = await RunningHost.StartAsync(PolicyWithL1AckTimeout(dir), database.Path, new FakeTimeProvider(Start));

        await SayAsync(host, "sam", "declare Beacon to a known C2 host");

        Assert.Equal(["console"], (await database.OutboxEntriesAsync()).Select(m => m.Platform).Distinct());
        await DatabaseFile.WaitUntilAsync(
            async () => (await database.OutboxEntriesAsync()).All(m => m.State == OutboxState.Sent), "the dispatcher to deliver the outbox");
        Assert.Equal(
            (await database.IncidentsAsync()).Sum(i => i.Pages.Count) + 1,
            (await database.OutboxEntriesAsync()).Count);
    }

    [Fact]
    public async Task A_host_restarted_on_the_same_file_fires_the_timer_that_came_due_while_it_was_down_once()
    {
        using var dir = new TempDirectory();
        var settings = PolicyWithL1AckTimeout(dir);
        var database = new DatabaseFile(dir.File("secbot.db"));

        await using (var first = await RunningHost.StartAsync(settings, database.Path, new FakeTimeProvider(Start)))
        {
            Assert.False((await SayAsync(first, "sam", "declare Beacon to a known C2 host")).IsRefusal);
        }

        var pending = Assert.Single(await database.TimersOfAsync("INC-1"));
        Assert.Null(pending.FiredAt);
        var pagesBefore = (await database.IncidentAsync(1)).Pages.Count;

        // Back three minutes after the timer was due.
        var restartedAt = pending.Due + TimeSpan.FromMinutes(3);
        await using var restarted = await RunningHost.StartAsync(settings, database.Path, new FakeTimeProvider(restartedAt));
        await DatabaseFile.WaitUntilAsync(async () => (await database.TimersOfAsync("INC-1"))[0].FiredAt is not null, "the overdue timer to fire");

        Assert.Equal(0, await restarted.App.Services.GetRequiredService<TimerClock>().FireDueAsync(CancellationToken.None));
        var timers = await database.TimersOfAsync("INC-1");
        Assert.Equal(restartedAt.ToUnixTimeMilliseconds(), timers[0].FiredAt);
        Assert.Equal(2, timers.Count);
        Assert.Equal((restartedAt + L1AckTimeout, null), (timers[1].Due, timers[1].FiredAt));
        Assert.Equal(1, (await database.TimelineKindsAsync(1)).Count(k => k == Repaged));
        Assert.Equal(pagesBefore, (await database.IncidentAsync(1)).Pages.Count(p => p.Attempt == 2));
        Assert.Equal(pagesBefore * 2, (await database.IncidentAsync(1)).Pages.Count);
        // As SQL's LIKE matched it: ignoring ASCII case.
        Assert.Equal(pagesBefore, (await database.OutboxEntriesAsync()).Count(m => m.Payload.Contains("Re-page #1", StringComparison.OrdinalIgnoreCase)));
    }
}
