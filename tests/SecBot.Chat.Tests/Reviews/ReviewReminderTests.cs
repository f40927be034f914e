using SecBot.Chat.Cards;
using SecBot.Chat.Tests.Support;
using SecBot.Domain.Reviews;
using SecBot.Storage.Tests.Support;

namespace SecBot.Chat.Tests.Reviews;

/// <summary>The review timers (shipped policy: reminder after 1 day, manager notice after 3) fired as the clock fires them.</summary>
public sealed class ReviewReminderTests
{
    [Fact]
    public async Task Nothing_fires_before_a_day_has_passed()
    {
        await using var db = await TemporaryDatabase.MigratedAsync();
        var chat = await ReviewHarness.StartAsync(db);
        await chat.DoAsync("diego", "review detection-rules New CloudTrail rules");

        chat.Time.Advance(TimeSpan.FromHours(23));

        Assert.Equal(0, await chat.FireDueTimersAsync());
    }

    [Fact]
    public async Task After_a_day_each_pending_required_reviewer_gets_a_new_message_with_the_buttons_again()
    {
        await using var db = await TemporaryDatabase.MigratedAsync();
        var chat = await ReviewHarness.StartAsync(db);
        await chat.DoAsync("diego", "review detection-rules New CloudTrail rules");
        await chat.PressOkAsync("leo", ActionIds.Approve, "REV-1@1");
        var lastMessage = await chat.LastOutboxIdAsync();

        chat.Time.Advance(TimeSpan.FromDays(1));
        Assert.Equal(1, await chat.FireDueTimersAsync());

        var reminders = await chat.OutboxAfterAsync(lastMessage);
        Assert.Equal(new[] { "maya", "sam" }, reminders.Select(m => m.Message.To.Id).Order(StringComparer.Ordinal));
        Assert.All(reminders, m =>
        {
            Assert.StartsWith("Reminder: REV-1 has waited 24 hours for your review as SOC", m.Message.Card.Text, StringComparison.Ordinal);
            Assert.Equal(
                [(ActionIds.Approve, "REV-1@1/1/SOC"), (ActionIds.Reject, "REV-1@1/1/SOC"), (ActionIds.Comment, "REV-1@1/1/SOC")],
                m.Message.Card.Buttons.Select(b => (b.ActionId, b.Value)));
        });
        Assert.Equal(1, (await chat.Store.GateEventsAsync()).Count(e => e.Kind == GateEventKinds.Reminded));
    }

    [Fact]
    public async Task After_three_days_the_pending_seats_team_manager_is_told()
    {
        await using var db = await TemporaryDatabase.MigratedAsync();
        var chat = await ReviewHarness.StartAsync(db);
        await chat.DoAsync("diego", "review detection-rules New CloudTrail rules");
        await chat.PressOkAsync("leo", ActionIds.Approve, "REV-1@1");
        chat.Time.Advance(TimeSpan.FromDays(1));
        await chat.FireDueTimersAsync();
        var lastMessage = await chat.LastOutboxIdAsync();

        chat.Time.Advance(TimeSpan.FromDays(2));
        Assert.Equal(1, await chat.FireDueTimersAsync());

        var alert = Assert.Single(await chat.OutboxAfterAsync(lastMessage));
        Assert.True(alert.IsDirectTo("olivia"));
        Assert.Contains("REV-1 — New CloudTrail rules has waited 3 days at Stage 1 'Detection rules review': SOC not signed yet", alert.Message.Card.Text, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Timers_of_a_gate_that_was_approved_meanwhile_send_nothing()
    {
        await using var db = await TemporaryDatabase.MigratedAsync();
        var chat = await ReviewHarness.StartAsync(db);
        await chat.DoAsync("maya", "request tool Osquery fleet manager");
        await chat.PressOkAsync("raj", ActionIds.Approve, "REV-1@1");
        var before = await chat.CountsAsync();

        chat.Time.Advance(TimeSpan.FromDays(4));

        Assert.Equal(2, await chat.FireDueTimersAsync());
        var after = await chat.CountsAsync();
        Assert.Equal((before.Gates, before.Ledger, before.Events, before.Outbox), (after.Gates, after.Ledger, after.Events, after.Outbox));
    }

    [Fact]
    public async Task A_resubmission_overtakes_the_old_revisions_timers_and_sets_its_own()
    {
        await using var db = await TemporaryDatabase.MigratedAsync();
        var chat = await ReviewHarness.StartAsync(db);
        await chat.DoAsync("maya", "request tool Osquery fleet manager");
        await chat.DoAsync("raj", "reject REV-1 Which team runs it?");
        chat.Time.Advance(TimeSpan.FromHours(12));
        await chat.DoAsync("maya", "resubmit REV-1 SOC runs it");
        var lastMessage = await chat.LastOutboxIdAsync();

        // The first revision's reminder is due now and finds the gate at revision 2: nothing.
        chat.Time.Advance(TimeSpan.FromHours(12));
        Assert.Equal(1, await chat.FireDueTimersAsync());
        Assert.Empty(await chat.OutboxAfterAsync(lastMessage));

        chat.Time.Advance(TimeSpan.FromHours(12));
        Assert.Equal(1, await chat.FireDueTimersAsync());
        var reminder = Assert.Single(await chat.OutboxAfterAsync(lastMessage));
        Assert.True(reminder.IsDirectTo("raj"));
        Assert.All(reminder.Message.Card.Buttons, b => Assert.Equal("REV-1@2/1/SecEngMgr", b.Value));
    }
}
