using SecBot.Chat.Cards;
using SecBot.Chat.Conversation;
using SecBot.Chat.Tests.Support;
using SecBot.Domain.Incidents;
using SecBot.Storage.Tests.Support;

namespace SecBot.Chat.Tests.Incidents;

/// <summary><c>ack</c>, <c>escalate</c> and <c>resolve</c>, typed and as buttons, over the real store.</summary>
public sealed class IncidentActionTests
{
    private static async Task<ChatHarness> WithOneGeneralIncidentAsync(TemporaryDatabase db)
    {
        var chat = await ChatHarness.StartAsync(db);
        await chat.DeclareAsync("sam", "Suspicious login on VPN");
        return chat;
    }

    [Fact]
    public async Task Ack_by_command_acknowledges_and_announces_it_without_paging_anyone()
    {
        await using var db = await TemporaryDatabase.MigratedAsync();
        var chat = await WithOneGeneralIncidentAsync(db);
        var before = await chat.CountsAsync();
        var lastMessage = await chat.LastOutboxIdAsync();
        var paged = await chat.FirstPagedAsync(1);

        var reply = await chat.SayAsync(paged, "ack INC-1");

        Assert.False(reply.IsRefusal, reply.Text);
        Assert.Equal(ReplyVisibility.Public, reply.Visibility);
        var incident = await chat.IncidentAsync(1);
        Assert.Equal((IncidentState.Acknowledged, paged, "L1", paged), (incident.State, incident.AcknowledgedBy, incident.AcknowledgedLevel, incident.LeadPersonId));
        Assert.Equal(before with { Outbox = before.Outbox + 2, IncidentEvents = before.IncidentEvents + 1 }, await chat.CountsAsync());
        var refresh = Assert.Single(await chat.RefreshesAsync());
        Assert.Equal(("INC-1", reply.Card!.Title, reply.Card.Context), (refresh.Subject, refresh.Card.Title, refresh.Card.Context));
        var announcement = Assert.Single(await chat.OutboxAfterAsync(lastMessage));
        Assert.True(announcement.IsChannel);
        Assert.Contains($"acknowledged by {chat.NameOf(paged)}", announcement.Message.Card.Text, StringComparison.Ordinal);
        var acknowledged = (await chat.TimelineAsync(1))[^1];
        Assert.Equal((IncidentEventKinds.Acknowledged, paged), (acknowledged.Kind, acknowledged.Actor));
        Assert.Equal($"acknowledged by {chat.NameOf(paged)} at L1; automatic escalation of L1 stopped", acknowledged.Detail);
    }

    [Fact]
    public async Task Ack_by_button_acknowledges_and_updates_the_message_in_place_with_who_did_it()
    {
        await using var db = await TemporaryDatabase.MigratedAsync();
        var chat = await WithOneGeneralIncidentAsync(db);

        var paged = await chat.FirstPagedAsync(1);

        var reply = await chat.PressAsync(paged, ActionIds.Acknowledge, "INC-1");

        Assert.False(reply.IsRefusal, reply.Text);
        Assert.True(reply.UpdatesOriginal);
        Assert.NotNull(reply.Card);
        Assert.Equal($"acknowledged by {chat.NameOf(paged)} at L1", reply.Card.Facts.Single(f => f.Label == "State").Value);
        Assert.Equal($"Acknowledged by {chat.NameOf(paged)}", reply.Card.Context);
        Assert.Equal(IncidentState.Acknowledged, (await chat.IncidentAsync(1)).State);
    }

    [Fact]
    public async Task A_second_ack_is_refused_and_changes_nothing_like_a_double_click()
    {
        await using var db = await TemporaryDatabase.MigratedAsync();
        var chat = await WithOneGeneralIncidentAsync(db);
        var paged = await chat.FirstPagedAsync(1);
        await chat.PressAsync(paged, ActionIds.Acknowledge, "INC-1");
        var before = await chat.CountsAsync();

        var again = await chat.PressAsync(paged, ActionIds.Acknowledge, "INC-1");

        Assert.True(again.IsRefusal);
        Assert.Contains($"already acknowledged at L1 by {chat.NameOf(paged)}", again.Text, StringComparison.Ordinal);
        Assert.Equal(before, await chat.CountsAsync());
    }

    [Fact]
    public async Task Escalate_by_command_pages_the_next_level_keeps_everyone_on_it_and_records_the_reason()
    {
        await using var db = await TemporaryDatabase.MigratedAsync();
        var chat = await WithOneGeneralIncidentAsync(db);
        var before = await chat.CountsAsync();
        var lastMessage = await chat.LastOutboxIdAsync();

        var reply = await chat.SayAsync("maya", "escalate INC-1 attacker still has a session");

        Assert.False(reply.IsRefusal, reply.Text);
        var incident = await chat.IncidentAsync(1);
        Assert.Equal(("L2", IncidentState.Open), (incident.Level, incident.State));
        Assert.Equal([("maya", "L1"), ("maya", "L2"), ("priya", "L2")], incident.Pages.Select(p => (p.PersonId, p.Level)));
        // Maya already has INC-1's page: it is refreshed to L2, not sent again (storm control: one page per incident).
        Assert.Equal(["person:priya", "channel:incidents"], (await chat.OutboxAfterAsync(lastMessage)).Select(m => m.ChannelKey));
        var escalated = (await chat.TimelineAsync(1)).Single(e => e.Kind == IncidentEventKinds.Escalated);
        Assert.Equal("maya", escalated.Actor);
        Assert.EndsWith(": attacker still has a session", escalated.Detail, StringComparison.Ordinal);
        Assert.Single(await chat.TimelineAsync(1), e => e.Kind == PageRouting.NotRepeatedKind);
        Assert.Equal(2, await chat.PendingTimersAsync());
        Assert.Equal(before with { Pages = before.Pages + 2, Outbox = before.Outbox + 3, IncidentEvents = before.IncidentEvents + 4, Timers = before.Timers + 1 }, await chat.CountsAsync());
        Assert.Equal("INC-1", Assert.Single(await chat.RefreshesAsync()).Subject);
    }

    [Fact]
    public async Task Escalate_by_button_takes_the_reason_from_the_buttons_input()
    {
        await using var db = await TemporaryDatabase.MigratedAsync();
        var chat = await WithOneGeneralIncidentAsync(db);

        var reply = await chat.PressAsync("maya", ActionIds.Escalate, "INC-1", (ActionIds.Inputs.Reason, "  lateral movement  "));

        Assert.False(reply.IsRefusal, reply.Text);
        Assert.True(reply.UpdatesOriginal);
        Assert.Equal("L2", (await chat.IncidentAsync(1)).Level);
        Assert.EndsWith(": lateral movement", (await chat.TimelineAsync(1)).Single(e => e.Kind == IncidentEventKinds.Escalated).Detail, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Escalating_past_L3_to_Executive_is_refused_for_someone_who_is_not_a_manager_and_changes_nothing()
    {
        await using var db = await TemporaryDatabase.MigratedAsync();
        var chat = await ChatHarness.StartAsync(db);
        await chat.DeclareAsync("sam", "Payroll data exfiltrated level:L3");
        var before = await chat.CountsAsync();

        var byCommand = await chat.SayAsync("priya", "escalate INC-1 board must know");
        var byButton = await chat.PressAsync("maya", ActionIds.Escalate, "INC-1");

        Assert.All([byCommand, byButton], reply =>
        {
            Assert.True(reply.IsRefusal);
            Assert.Contains("Only a Security Operations Manager or Security Engineering Manager may take an incident to Executive", reply.Text, StringComparison.Ordinal);
        });
        Assert.Equal("L3", (await chat.IncidentAsync(1)).Level);
        Assert.Equal(before, await chat.CountsAsync());
    }

    [Theory]
    [InlineData("olivia")]
    [InlineData("raj")]
    public async Task A_SecOps_or_SecEng_manager_may_escalate_to_Executive_which_notifies_without_asking_for_an_ack(string manager)
    {
        await using var db = await TemporaryDatabase.MigratedAsync();
        var chat = await ChatHarness.StartAsync(db);
        await chat.DeclareAsync("sam", "Payroll data exfiltrated level:L3");
        var lastMessage = await chat.LastOutboxIdAsync();

        var reply = await chat.SayAsync(manager, "escalate INC-1 company-wide impact");

        Assert.False(reply.IsRefusal, reply.Text);
        var incident = await chat.IncidentAsync(1);
        Assert.Equal("Executive", incident.Level);
        var executive = Assert.Single(incident.Pages, p => p.Level == "Executive");
        Assert.Equal(("elena", PageReason.Notification), (executive.PersonId, executive.Reason));
        var notice = Assert.Single(await chat.OutboxAfterAsync(lastMessage), m => m.IsPageTo("elena")).Message;
        Assert.Empty(notice.Card.Buttons);
        Assert.Equal(1, await chat.PendingTimersAsync());
    }

    [Fact]
    public async Task Escalating_beyond_the_top_level_is_refused_and_changes_nothing()
    {
        await using var db = await TemporaryDatabase.MigratedAsync();
        var chat = await ChatHarness.StartAsync(db);
        await chat.DeclareAsync("olivia", "Breach disclosed publicly level:EXEC");
        var before = await chat.CountsAsync();

        var reply = await chat.SayAsync("olivia", "escalate INC-1");

        Assert.True(reply.IsRefusal);
        Assert.Contains("already at Executive, the top level", reply.Text, StringComparison.Ordinal);
        Assert.Equal(before, await chat.CountsAsync());
    }

    [Fact]
    public async Task Resolve_by_command_stores_the_summary_and_announces_it()
    {
        await using var db = await TemporaryDatabase.MigratedAsync();
        var chat = await WithOneGeneralIncidentAsync(db);
        var before = await chat.CountsAsync();
        var lastMessage = await chat.LastOutboxIdAsync();
        var paged = await chat.FirstPagedAsync(1);

        var reply = await chat.SayAsync(paged, "resolve INC-1 Password reset and sessions revoked");

        Assert.False(reply.IsRefusal, reply.Text);
        Assert.Equal($"INC-1: resolved by {chat.NameOf(paged)}: Password reset and sessions revoked", reply.Text);
        var incident = await chat.IncidentAsync(1);
        Assert.Equal((IncidentState.Resolved, paged, "Password reset and sessions revoked"), (incident.State, incident.ResolvedBy, incident.Summary));
        var announcement = Assert.Single(await chat.OutboxAfterAsync(lastMessage));
        Assert.True(announcement.IsChannel);
        Assert.Contains($"resolved by {chat.NameOf(paged)}: Password reset and sessions revoked", announcement.Message.Card.Text, StringComparison.Ordinal);
        var resolved = (await chat.TimelineAsync(1))[^1];
        Assert.Equal((IncidentEventKinds.Resolved, paged, $"resolved by {chat.NameOf(paged)}: Password reset and sessions revoked"), (resolved.Kind, resolved.Actor, resolved.Detail));
        Assert.Equal(before with { Outbox = before.Outbox + 2, IncidentEvents = before.IncidentEvents + 1 }, await chat.CountsAsync());
        Assert.Contains("resolved", Assert.Single(await chat.RefreshesAsync()).Card.Facts[0].Value, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Resolve_by_button_takes_the_summary_from_the_buttons_input_and_the_card_loses_its_buttons()
    {
        await using var db = await TemporaryDatabase.MigratedAsync();
        var chat = await WithOneGeneralIncidentAsync(db);

        var reply = await chat.PressAsync(await chat.FirstPagedAsync(1), ActionIds.Resolve, "INC-1", (ActionIds.Inputs.Summary, "False positive: travel"));

        Assert.False(reply.IsRefusal, reply.Text);
        Assert.True(reply.UpdatesOriginal);
        Assert.NotNull(reply.Card);
        Assert.Empty(reply.Card.Buttons);
        var incident = await chat.IncidentAsync(1);
        Assert.Equal(("False positive: travel", IncidentState.Resolved), (incident.Summary, incident.State));
    }

    [Fact]
    public async Task Resolve_without_a_summary_resolves_and_says_none_was_given()
    {
        await using var db = await TemporaryDatabase.MigratedAsync();
        var chat = await WithOneGeneralIncidentAsync(db);
        var paged = await chat.FirstPagedAsync(1);

        var reply = await chat.SayAsync(paged, "resolve INC-1");

        Assert.False(reply.IsRefusal);
        var incident = await chat.IncidentAsync(1);
        Assert.Equal(IncidentState.Resolved, incident.State);
        Assert.Null(incident.Summary);
        Assert.Contains("(no summary given)", reply.Text, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Inside_the_incidents_own_channel_the_id_may_be_omitted()
    {
        await using var db = await TemporaryDatabase.MigratedAsync();
        var chat = await ChatHarness.StartAsync(db);
        var warRoom = new ChatPlace("C0WARROOM", null, IsDirect: false);
        await chat.DeclareAsync("sam", "Suspicious login on VPN", warRoom);
        await chat.DeclareAsync("sam", "Unrelated phishing");

        var reply = await chat.SayAsync(await chat.FirstPagedAsync(1), "ack", warRoom);

        Assert.False(reply.IsRefusal, reply.Text);
        Assert.Equal(IncidentState.Acknowledged, (await chat.IncidentAsync(1)).State);
        Assert.Equal(IncidentState.Open, (await chat.IncidentAsync(2)).State);
    }

    [Fact]
    public async Task Without_an_id_outside_an_incident_channel_the_caller_is_asked_which_incident_and_nothing_changes()
    {
        await using var db = await TemporaryDatabase.MigratedAsync();
        var chat = await WithOneGeneralIncidentAsync(db);
        var before = await chat.CountsAsync();

        var reply = await chat.SayAsync("maya", "ack");

        Assert.True(reply.IsRefusal);
        Assert.Contains("Which incident?", reply.Text, StringComparison.Ordinal);
        Assert.Contains("Usage: ack INC-n", reply.Text, StringComparison.Ordinal);
        Assert.Equal(before, await chat.CountsAsync());
    }

    [Fact]
    public async Task Acting_on_an_incident_that_does_not_exist_is_refused_and_changes_nothing()
    {
        await using var db = await TemporaryDatabase.MigratedAsync();
        var chat = await WithOneGeneralIncidentAsync(db);
        var before = await chat.CountsAsync();

        var replies = new[]
        {
            await chat.SayAsync("maya", "ack INC-7"),
            await chat.SayAsync("maya", "escalate INC-7"),
            await chat.SayAsync("maya", "resolve INC-7 done"),
        };

        Assert.All(replies, reply =>
        {
            Assert.True(reply.IsRefusal);
            Assert.StartsWith("There is no INC-7.", reply.Text, StringComparison.Ordinal);
        });
        Assert.Equal(before, await chat.CountsAsync());
    }
}
