using System.Text.Json.Nodes;
using SecBot.Chat.Conversation;
using SecBot.Host.Clock;
using SecBot.Host.Tests.Support;
using Xunit.Abstractions;
using static SecBot.Domain.Incidents.IncidentEventKinds;

namespace SecBot.Host.Tests.Incidents;

/// <summary>
/// The escalation timer end to end through SecBotApp on the real clock: the TimerClock background service sleeps
/// until the next due timer (woken by the commit that set it), fires it within a second or two, and a host
/// restarted on the same file fires, once, whatever came due while it was down. Messages go to the console platform.
/// </summary>
public sealed class EscalationClockTests(ITestOutputHelper output)
{
    private static readonly TimeSpan LatencyBound = TimeSpan.FromSeconds(2);

    private static string PolicyWithAckTimeouts(TempDirectory dir, string l1) =>
        PolicyFile.WriteCopy(dir, root =>
        {
            var levels = root["SecBot"]!["Escalation"]!["Levels"]!.AsArray();
            levels[0]!["AckTimeout"] = l1;
            // Long enough that nothing after the escalation to L2 fires during a test.
            levels[1]!["AckTimeout"] = "00:10:00";
        });

    private static async Task<ChatReply> SayAsync(RunningHost host, string personId, string text) =>
        await host.App.Services.GetRequiredService<ChatRouter>().HandleAsync(
            new ChatRequest(new ChatIdentity("console", personId), ChatPlace.Direct(), new TextInput(text)), CancellationToken.None);

    [Fact]
    public async Task The_clock_repages_and_then_escalates_each_within_two_seconds_of_the_ack_timeout()
    {
        using var dir = new TempDirectory();
        var database = new DatabaseFile(dir.File("secbot.db"));
        await using var host = await RunningHost.StartAsync(PolicyWithAckTimeouts(dir, "00:00:02"), database.Path);

        var reply = await SayAsync(host, "sam", "declare Beacon to a known C2 host");
        Assert.False(reply.IsRefusal, reply.Text);
        await DatabaseFile.WaitUntilAsync(
            async () => await database.ScalarAsync<string>("SELECT level FROM incidents WHERE id = 1") == "L2", "the automatic escalation to L2");

        var timers = await database.TimersOfAsync("INC-1");
        var fired = timers.Where(t => t.FiredAt is not null).ToList();
        Assert.Equal(2, fired.Count);
        output.WriteLine("fired late by: " + string.Join(", ", fired.Select(t => t.Lateness)));
        Assert.All(fired, timer => Assert.InRange(timer.Lateness, TimeSpan.Zero, LatencyBound));
        var kinds = (await database.TimelineKindsAsync(1)).ToList();
        Assert.True(kinds.IndexOf(Repaged) > kinds.IndexOf(Paged) && kinds.IndexOf(AutoEscalated) > kinds.IndexOf(Repaged), string.Join(", ", kinds));
        var firstPages = await database.ScalarAsync<long>("SELECT count(*) FROM pages WHERE incident_id = 1 AND level = 'L1' AND attempt = 1");
        Assert.Equal(firstPages, await database.ScalarAsync<long>("SELECT count(*) FROM pages WHERE incident_id = 1 AND level = 'L1' AND attempt = 2"));
        Assert.True(await database.ScalarAsync<long>("SELECT count(*) FROM pages WHERE incident_id = 1 AND level = 'L2'") > 0);
    }

    [Fact]
    public async Task Pages_and_announcements_are_queued_for_the_console_platform_and_delivered()
    {
        using var dir = new TempDirectory();
        var database = new DatabaseFile(dir.File("secbot.db"));
        await using var host = await RunningHost.StartAsync(PolicyWithAckTimeouts(dir, "00:10:00"), database.Path);

        await SayAsync(host, "sam", "declare Beacon to a known C2 host");

        Assert.Equal(["console"], await database.QueryAsync<string>("SELECT DISTINCT platform FROM outbox"));
        await DatabaseFile.WaitUntilAsync(
            async () => await database.ScalarAsync<long>("SELECT count(*) FROM outbox WHERE state <> 'sent'") == 0, "the dispatcher to deliver the outbox");
        Assert.Equal(
            await database.ScalarAsync<long>("SELECT count(*) FROM pages") + 1,
            await database.ScalarAsync<long>("SELECT count(*) FROM outbox"));
    }

    [Fact]
    public async Task A_host_restarted_on_the_same_file_fires_the_timer_that_came_due_while_it_was_down_once()
    {
        using var dir = new TempDirectory();
        var settings = PolicyWithAckTimeouts(dir, "00:00:05");
        var database = new DatabaseFile(dir.File("secbot.db"));

        await using (var first = await RunningHost.StartAsync(settings, database.Path))
        {
            Assert.False((await SayAsync(first, "sam", "declare Beacon to a known C2 host")).IsRefusal);
        }

        var pending = Assert.Single(await database.TimersOfAsync("INC-1"));
        Assert.True(pending.FiredAt is null, "the first host stopped before the timer came due (the test needs it to stop within 5 s)");
        var dueAt = DateTimeOffset.FromUnixTimeMilliseconds(pending.DueAt);
        var untilDue = dueAt - TimeProvider.System.GetUtcNow() + TimeSpan.FromMilliseconds(250);
        if (untilDue > TimeSpan.Zero) await Task.Delay(untilDue, TimeProvider.System, CancellationToken.None);
        var pagesBefore = await database.ScalarAsync<long>("SELECT count(*) FROM pages WHERE incident_id = 1");

        var restartedAt = TimeProvider.System.GetUtcNow();
        await using var restarted = await RunningHost.StartAsync(settings, database.Path);
        await DatabaseFile.WaitUntilAsync(async () => (await database.TimersOfAsync("INC-1"))[0].FiredAt is not null, "the overdue timer to fire");

        Assert.Equal(0, await restarted.App.Services.GetRequiredService<TimerClock>().FireDueAsync(CancellationToken.None));
        var timers = await database.TimersOfAsync("INC-1");
        Assert.True(timers[0].FiredAt >= restartedAt.ToUnixTimeMilliseconds() - 1000, "fired by the restarted host");
        Assert.Equal(2, timers.Count);
        Assert.Null(timers[1].FiredAt);
        Assert.Equal(1, (await database.TimelineKindsAsync(1)).Count(k => k == Repaged));
        Assert.Equal(pagesBefore, await database.ScalarAsync<long>("SELECT count(*) FROM pages WHERE incident_id = 1 AND attempt = 2"));
        Assert.Equal(pagesBefore * 2, await database.ScalarAsync<long>("SELECT count(*) FROM pages WHERE incident_id = 1"));
        Assert.Equal(pagesBefore, await database.ScalarAsync<long>("SELECT count(*) FROM outbox WHERE payload LIKE '%Re-page #1%'"));
    }
}
