using SecBot.Chat.Delivery;
using SecBot.Chat.Tests.Support;
using SecBot.Storage.Delivery;
using SecBot.Storage.Tests.Support;
using SecBot.Storage.Timers;

namespace SecBot.Chat.Tests.Delivery;

/// <summary>Timers the clock gave up on (parked after failing again and again) are counted by <c>status</c>, after the undelivered messages.</summary>
public sealed class ParkedTimerStatusTests
{
    [Fact]
    public async Task Status_ends_with_the_parked_timers_after_the_undelivered_messages()
    {
        await using var db = await TemporaryDatabase.MigratedAsync();
        var chat = await ChatHarness.StartAsync(db);
        await chat.DeclareAsync("sam", "Suspicious login on VPN");
        var page = (await chat.OutboxAsync()).Single(m => m.IsPageTo("maya"));
        await new OutboxRepository(chat.Store).MarkDeadAsync(page.Id, "chat.postMessage: invalid_auth", UndeliveredMessage.TimelineNote(chat.SubjectTimeline, chat.Roster.PersonName), CancellationToken.None);
        var ackTimer = (await chat.Store.TimersAsync()).First(t => t.Subject == "INC-1").Id;
        await chat.TimerFailures.RecordAsync(ackTimer, "InvalidDataException: empty timer payload", _ => null, CancellationToken.None);

        var lines = (await chat.SayAsync("leo", "status")).Text.Split('\n');

        Assert.StartsWith($"⚠ 1 message could not be delivered (retry MSG-n re-queues one): MSG-{page.Id} ", lines[^2], StringComparison.Ordinal);
        Assert.Equal($"⚠ 1 timer failed and was given up on (retry TMR-n re-queues one): TMR-{ackTimer} the ack deadline of INC-1 (no automatic re-page or escalation) after 1 attempt: InvalidDataException: empty timer payload", lines[^1]);
    }

    [Fact]
    public async Task Status_names_the_newest_three_parked_timers_and_counts_them_all()
    {
        await using var db = await TemporaryDatabase.MigratedAsync();
        var chat = await ChatHarness.StartAsync(db);
        for (var number = 1; number <= 4; number++)
        {
            await chat.DeclareAsync("sam", $"Incident {number}");
        }

        var timers = (await chat.Store.TimersAsync()).Select(t => t.Id).ToList();
        foreach (var timer in timers)
        {
            chat.Time.Advance(TimeSpan.FromSeconds(1));
            await chat.TimerFailures.RecordAsync(timer, "boom", _ => null, CancellationToken.None);
        }

        var warning = (await chat.SayAsync("leo", "status")).Text.Split('\n')[^1];

        Assert.Equal(
            $"⚠ 4 timers failed and were given up on (retry TMR-n re-queues one): TMR-{timers[3]} the ack deadline of INC-4 (no automatic re-page or escalation) after 1 attempt: boom; "
            + $"TMR-{timers[2]} the ack deadline of INC-3 (no automatic re-page or escalation) after 1 attempt: boom; TMR-{timers[1]} the ack deadline of INC-2 (no automatic re-page or escalation) after 1 attempt: boom; …",
            warning);
    }
}
