using SecBot.Chat.Cards;
using SecBot.Chat.Tests.Support;
using SecBot.Domain.Incidents;
using SecBot.Storage.Tests.Support;
using static SecBot.Domain.Incidents.IncidentEventKinds;

namespace SecBot.Chat.Tests.Incidents;

/// <summary>
/// The durable ack-timeout timer on a real file (shipped policy: 10-minute timeouts, one re-page): a page not
/// acknowledged in time is re-paged once, then the incident escalates, automatically no further than L3.
/// Timers are fired the way TimerClock fires them, one transaction per timer.
/// </summary>
public sealed class AckTimeoutTimerTests
{
    private static readonly TimeSpan AckTimeout = TimeSpan.FromMinutes(10);

    [Fact]
    public async Task Nothing_fires_before_the_ack_timeout()
    {
        await using var db = await TemporaryDatabase.MigratedAsync();
        var chat = await ChatHarness.StartAsync(db);
        await chat.DeclareAsync("sam", "Suspicious login on VPN");
        var before = await chat.CountsAsync();

        chat.Time.Advance(AckTimeout - TimeSpan.FromMilliseconds(1));

        Assert.Equal(0, await chat.FireDueTimersAsync());
        Assert.Equal(before, await chat.CountsAsync());
    }

    [Fact]
    public async Task An_unacknowledged_page_is_repaged_once_as_a_new_direct_message_when_the_ack_timeout_passes()
    {
        await using var db = await TemporaryDatabase.MigratedAsync();
        var chat = await ChatHarness.StartAsync(db);
        await chat.DeclareAsync("sam", "Suspicious login on VPN");
        var lastMessage = await chat.LastOutboxIdAsync();

        chat.Time.Advance(AckTimeout);

        Assert.Equal(1, await chat.FireDueTimersAsync());
        var incident = await chat.IncidentAsync(1);
        Assert.Equal(("L1", IncidentState.Open), (incident.Level, incident.State));
        Assert.Equal([("maya", "L1", 1), ("maya", "L1", 2)], incident.Pages.Select(p => (p.PersonId, p.Level, p.Attempt)));
        var repage = Assert.Single(await chat.OutboxAfterAsync(lastMessage));
        Assert.True(repage.IsPageTo("maya"));
        Assert.StartsWith("Re-page #1: still unacknowledged", repage.Message.Card.Text, StringComparison.Ordinal);
        // The last re-page: what to do, and when it escalates, in the roster-independent UTC form.
        Assert.EndsWith("Acknowledge within 10 minutes or it escalates to L2 at Mon 2 Mar 09:20 UTC.", repage.Message.Card.Text, StringComparison.Ordinal);
        Assert.Contains(ActionIds.Acknowledge, repage.Message.Card.Buttons.Select(b => b.ActionId));
        Assert.Equal([Declared, Paged, Repaged], await chat.TimelineKindsAsync(1));
        Assert.Equal(0, await chat.FireDueTimersAsync());
    }

    [Fact]
    public async Task After_the_repage_goes_unacknowledged_the_incident_escalates_to_the_next_level()
    {
        await using var db = await TemporaryDatabase.MigratedAsync();
        var chat = await ChatHarness.StartAsync(db);
        await chat.DeclareAsync("sam", "Suspicious login on VPN");
        chat.Time.Advance(AckTimeout);
        await chat.FireDueTimersAsync();
        var lastMessage = await chat.LastOutboxIdAsync();

        chat.Time.Advance(AckTimeout);

        Assert.Equal(1, await chat.FireDueTimersAsync());
        var incident = await chat.IncidentAsync(1);
        Assert.Equal("L2", incident.Level);
        Assert.Equal([("maya", 1), ("priya", 1)], incident.Pages.Where(p => p.Level == "L2").Select(p => (p.PersonId, p.Attempt)));
        // Maya, paged at L1 and on L2 too, is not paged a second time: her page follows the incident to L2 (storm control).
        Assert.Equal(["person:priya", "channel:incidents"], (await chat.OutboxAfterAsync(lastMessage)).Select(m => m.ChannelKey));
        Assert.Contains(await chat.TimelineAsync(1), e => e.Kind == PageRouting.NotRepeatedKind && e.Detail.StartsWith("Maya Chen already has this incident's page (from L1", StringComparison.Ordinal));
        var escalated = (await chat.TimelineAsync(1)).Single(e => e.Kind == AutoEscalated);
        Assert.Equal(IncidentEvent.System, escalated.Actor);
        Assert.StartsWith("escalated L1 → L2 automatically", escalated.Detail, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Automatic_escalation_climbs_to_L3_and_stops_there_never_reaching_Executive()
    {
        await using var db = await TemporaryDatabase.MigratedAsync();
        var chat = await ChatHarness.StartAsync(db);
        await chat.DeclareAsync("sam", "Suspicious login on VPN");

        var firedPerTick = new List<int>();
        for (var tick = 0; tick < 10; tick++)
        {
            chat.Time.Advance(AckTimeout);
            firedPerTick.Add(await chat.FireDueTimersAsync());
        }

        Assert.Equal([1, 1, 1, 1, 1, 1, 0, 0, 0, 0], firedPerTick);
        Assert.Equal(
            [
                Declared, Paged,
                Repaged,
                AutoEscalated, Paged, Paged, PageRouting.NotRepeatedKind,
                Repaged, Repaged,
                AutoEscalated, Paged, Paged,
                Repaged, Repaged,
                EscalationStopped,
            ],
            await chat.TimelineKindsAsync(1));
        var incident = await chat.IncidentAsync(1);
        Assert.Equal(("L3", IncidentState.Open), (incident.Level, incident.State));
        Assert.DoesNotContain(incident.Pages, p => p.Level == "Executive" || p.PersonId == "elena");
        Assert.Equal(["olivia", "raj"], incident.Pages.Where(p => p.Level == "L3").Select(p => p.PersonId).Distinct());
        Assert.Equal(0, await chat.PendingTimersAsync());
        var stopped = Assert.Single(await chat.OutboxAsync(), m => m.Message.Card.Text?.Contains("automatic escalation stops here", StringComparison.Ordinal) == true);
        Assert.True(stopped.IsChannel);
        Assert.EndsWith("To bring in Executive: escalate INC-1 [reason]", stopped.Message.Card.Text, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_customer_incident_that_nobody_acknowledges_repages_the_manager_and_the_lead_then_stops_at_L3()
    {
        await using var db = await TemporaryDatabase.MigratedAsync();
        var chat = await ChatHarness.StartAsync(db);
        await chat.DeclareAsync("sam", "Customer data visible to another tenant type:customer");

        for (var tick = 0; tick < 4; tick++)
        {
            chat.Time.Advance(AckTimeout);
            await chat.FireDueTimersAsync();
        }

        Assert.Equal([Declared, Paged, Paged, Repaged, Repaged, EscalationStopped], await chat.TimelineKindsAsync(1));
        Assert.Equal(
            [("olivia", 1), ("priya", 1), ("olivia", 2), ("priya", 2)],
            (await chat.IncidentAsync(1)).Pages.Select(p => (p.PersonId, p.Attempt)));
    }

    [Fact]
    public async Task Acknowledging_stops_the_automatic_escalation_of_that_level()
    {
        await using var db = await TemporaryDatabase.MigratedAsync();
        var chat = await ChatHarness.StartAsync(db);
        await chat.DeclareAsync("sam", "Suspicious login on VPN");
        chat.Time.Advance(TimeSpan.FromMinutes(4));
        Assert.False((await chat.PressAsync(await chat.FirstPagedAsync(1), ActionIds.Acknowledge, "INC-1")).IsRefusal);
        var pagesAndMessages = await chat.CountsAsync();

        for (var tick = 0; tick < 5; tick++)
        {
            chat.Time.Advance(AckTimeout);
            await chat.FireDueTimersAsync();
        }

        Assert.Equal([Declared, Paged, Acknowledged, TimerIgnored], await chat.TimelineKindsAsync(1));
        Assert.Equal(pagesAndMessages with { IncidentEvents = pagesAndMessages.IncidentEvents + 1 }, await chat.CountsAsync());
        Assert.Equal("L1", (await chat.IncidentAsync(1)).Level);
    }

    [Fact]
    public async Task Acknowledging_after_the_repage_still_stops_the_escalation()
    {
        await using var db = await TemporaryDatabase.MigratedAsync();
        var chat = await ChatHarness.StartAsync(db);
        await chat.DeclareAsync("sam", "Suspicious login on VPN");
        chat.Time.Advance(AckTimeout);
        await chat.FireDueTimersAsync();
        Assert.False((await chat.SayAsync(await chat.FirstPagedAsync(1), "ack INC-1")).IsRefusal);

        chat.Time.Advance(AckTimeout);
        await chat.FireDueTimersAsync();

        Assert.Equal([Declared, Paged, Repaged, Acknowledged, TimerIgnored], await chat.TimelineKindsAsync(1));
        var incident = await chat.IncidentAsync(1);
        Assert.Equal(("L1", IncidentState.Acknowledged), (incident.Level, incident.State));
    }

    [Fact]
    public async Task An_acknowledged_level_escalated_by_hand_gets_its_own_ack_timer_at_the_new_level()
    {
        await using var db = await TemporaryDatabase.MigratedAsync();
        var chat = await ChatHarness.StartAsync(db);
        await chat.DeclareAsync("sam", "Suspicious login on VPN");
        var paged = await chat.FirstPagedAsync(1);
        Assert.False((await chat.SayAsync(paged, "ack INC-1")).IsRefusal);
        chat.Time.Advance(TimeSpan.FromMinutes(5));
        await chat.SayAsync(paged, "escalate INC-1 need the IR lead");

        chat.Time.Advance(TimeSpan.FromMinutes(5));
        await chat.FireDueTimersAsync();
        Assert.DoesNotContain(Repaged, await chat.TimelineKindsAsync(1));

        chat.Time.Advance(TimeSpan.FromMinutes(5));
        await chat.FireDueTimersAsync();
        var incident = await chat.IncidentAsync(1);
        Assert.Equal(("L2", IncidentState.Open), (incident.Level, incident.State));
        Assert.Equal([("maya", 2), ("priya", 2)], incident.Pages.Where(p => p.Level == "L2" && p.Attempt > 1).Select(p => (p.PersonId, p.Attempt)));
    }

    [Fact]
    public async Task A_resolved_incidents_timer_fires_without_changing_anything()
    {
        await using var db = await TemporaryDatabase.MigratedAsync();
        var chat = await ChatHarness.StartAsync(db);
        await chat.DeclareAsync("sam", "Suspicious login on VPN");
        Assert.False((await chat.SayAsync(await chat.FirstPagedAsync(1), "resolve INC-1 False positive")).IsRefusal);
        var before = await chat.CountsAsync();

        chat.Time.Advance(AckTimeout);

        Assert.Equal(1, await chat.FireDueTimersAsync());
        Assert.Equal(before, await chat.CountsAsync());
        Assert.Equal(0, await chat.PendingTimersAsync());
    }

    [Fact]
    public async Task A_timer_that_came_due_while_the_service_was_down_repages_once_after_a_restart()
    {
        await using var db = await TemporaryDatabase.MigratedAsync();
        var first = await ChatHarness.StartAsync(db);
        await first.DeclareAsync("sam", "Suspicious login on VPN");
        db.Store.Dispose();

        db.Time.Advance(AckTimeout + TimeSpan.FromMinutes(3));
        var restarted = await ChatHarness.StartAsync(db, db.NewStore());

        Assert.Equal(1, await restarted.FireDueTimersAsync());
        var afterFiring = await restarted.CountsAsync();
        Assert.Equal(0, await restarted.FireDueTimersAsync());
        var again = await ChatHarness.StartAsync(db, db.NewStore());
        Assert.Equal(0, await again.FireDueTimersAsync());

        Assert.Equal(afterFiring, await again.CountsAsync());
        Assert.Equal([Declared, Paged, Repaged], await again.TimelineKindsAsync(1));
        Assert.Equal([1, 2], (await again.IncidentAsync(1)).Pages.Select(p => p.Attempt));
        Assert.Single(await again.OutboxAsync(), m => m.IsPageTo("maya") && m.Message.Card.Text!.StartsWith("Re-page", StringComparison.Ordinal));
        Assert.Equal(1, await again.PendingTimersAsync());
    }

    [Fact]
    public async Task Two_processes_firing_the_same_due_timer_at_once_repage_exactly_once()
    {
        await using var db = await TemporaryDatabase.MigratedAsync();
        var declaring = await ChatHarness.StartAsync(db);
        await declaring.DeclareAsync("sam", "Suspicious login on VPN");
        var one = await ChatHarness.StartAsync(db, db.NewStore());
        var other = await ChatHarness.StartAsync(db, db.NewStore());
        db.Time.Advance(AckTimeout);

        var fired = await Task.WhenAll(Task.Run(one.FireDueTimersAsync), Task.Run(other.FireDueTimersAsync));

        Assert.Equal(1, fired.Sum());
        Assert.Equal([Declared, Paged, Repaged], await declaring.TimelineKindsAsync(1));
        Assert.Equal([1, 2], (await declaring.IncidentAsync(1)).Pages.Select(p => p.Attempt));
    }
}
