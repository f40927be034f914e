using SecBot.Chat.Tests.Support;
using SecBot.Storage.Tests.Support;
using Xunit.Abstractions;
using static SecBot.Domain.Incidents.IncidentEventKinds;

namespace SecBot.Chat.Tests.Incidents;

/// <summary>
/// An acknowledgement arriving just as the ack deadline fires. Whichever commits first, the other sees it:
/// either the ack wins and the timer is ignored, or the re-page goes out and the ack follows. Never a re-page
/// after the ack, never a lost ack; the timeline records which happened.
/// </summary>
public sealed class AckVersusTimerRaceTests(ITestOutputHelper output)
{
    private const int Iterations = 30;

    [Theory]
    [InlineData(true)]
    [InlineData(false)]
    public async Task An_ack_racing_the_ack_timeout_has_one_consistent_outcome_recorded_in_the_timeline(bool sameProcess)
    {
        await using var db = await TemporaryDatabase.MigratedAsync();
        var chat = await ChatHarness.StartAsync(db);
        var clock = sameProcess ? chat : await ChatHarness.StartAsync(db, db.NewStore());
        var outcomes = new List<string>();

        for (var i = 0; i < Iterations; i++)
        {
            var number = await chat.DeclareAsync("sam", $"Race {i}");
            chat.Time.Advance(TimeSpan.FromMinutes(10));

            var start = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
            var paged = await chat.FirstPagedAsync(number);
            var ack = Task.Run(async () => { await start.Task; return await chat.SayAsync(paged, $"ack INC-{number}"); });
            var fire = Task.Run(async () => { await start.Task; return await clock.FireDueTimersAsync(); });
            start.SetResult();
            var reply = await ack;
            await fire;

            Assert.False(reply.IsRefusal, reply.Text);
            Assert.Equal(0, await clock.FireDueTimersAsync());
            var timeline = await chat.TimelineKindsAsync(number);
            var acknowledged = Assert.Single(timeline.Select((kind, index) => (kind, index)), e => e.kind == Acknowledged).index;
            var repaged = timeline.Select((kind, index) => (kind, index)).Where(e => e.kind == Repaged).Select(e => e.index).ToList();
            var ignored = timeline.Select((kind, index) => (kind, index)).Where(e => e.kind == TimerIgnored).Select(e => e.index).ToList();
            var attempts = (await chat.IncidentAsync(number)).Pages.Select(p => p.Attempt).ToList();

            Assert.Equal(1, repaged.Count + ignored.Count);
            if (repaged.Count == 1)
            {
                Assert.True(repaged[0] < acknowledged, $"INC-{number}: re-paged after the ack: {string.Join(", ", timeline)}");
                Assert.Equal([1, 2], attempts);
                outcomes.Add("repage then ack");
            }
            else
            {
                Assert.True(ignored[0] > acknowledged, $"INC-{number}: timer ignored before the ack: {string.Join(", ", timeline)}");
                Assert.Equal([1], attempts);
                outcomes.Add("ack, timer ignored");
            }

            Assert.Equal(Domain.Incidents.IncidentState.Acknowledged, (await chat.IncidentAsync(number)).State);
            Assert.False((await chat.SayAsync(paged, $"resolve INC-{number} race {i} done")).IsRefusal);
        }

        Assert.Equal(Iterations, outcomes.Count);
        output.WriteLine(string.Join("; ", outcomes.GroupBy(o => o).Select(g => $"{g.Key}: {g.Count()}")));
    }
}
