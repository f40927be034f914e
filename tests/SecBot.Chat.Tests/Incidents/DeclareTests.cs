using SecBot.Chat.Cards;
using SecBot.Chat.Conversation;
using SecBot.Chat.Delivery;
using SecBot.Chat.Tests.Support;
using SecBot.Domain.Incidents;
using SecBot.Storage.Tests.Support;

namespace SecBot.Chat.Tests.Incidents;

/// <summary>
/// <c>declare</c> over a real database with the shipped policy. At the harness start (Monday 2026-03-02 09:00 London)
/// Maya is the L1 rotation's on-call; Olivia is the SecOps manager, Raj the SecEng manager, Priya the IR lead,
/// Diego the cloud security engineer.
/// </summary>
public sealed class DeclareTests
{
    [Fact]
    public async Task A_general_incident_pages_the_L1_on_call_person_and_queues_one_page_and_one_announcement()
    {
        await using var db = await TemporaryDatabase.MigratedAsync();
        var chat = await ChatHarness.StartAsync(db);

        var reply = await chat.SayAsync("sam", "declare Suspicious login on VPN");

        Assert.False(reply.IsRefusal, reply.Text);
        Assert.Equal(ReplyVisibility.Public, reply.Visibility);
        Assert.Equal("INC-1 declared at L1.", reply.Text);
        var incident = await chat.IncidentAsync(1);
        Assert.Equal(("general", "L1", IncidentState.Open, "sam"), (incident.Type, incident.Level, incident.State, incident.DeclaredBy));
        Assert.Equal([("maya", "L1", 1, PageReason.OnCall)], incident.Pages.Select(p => (p.PersonId, p.Level, p.Attempt, p.Reason)));

        var outbox = await chat.OutboxAsync();
        Assert.Equal(["person:maya", "channel:incidents"], outbox.Select(m => m.ChannelKey));
        Assert.All(outbox, m => Assert.Equal(ChatHarness.Platform, m.Platform));
        Assert.Equal(new TableCounts(Incidents: 1, Pages: 1, Outbox: 2, IncidentEvents: 2, Timers: 1, Overrides: 0), await chat.CountsAsync());
        Assert.Equal([IncidentEventKinds.Declared, IncidentEventKinds.Paged], await chat.TimelineKindsAsync(1));
    }

    [Fact]
    public async Task The_page_is_a_direct_message_with_acknowledge_escalate_and_resolve_buttons_naming_the_incident()
    {
        await using var db = await TemporaryDatabase.MigratedAsync();
        var chat = await ChatHarness.StartAsync(db);
        await chat.DeclareAsync("sam", "Suspicious login on VPN");

        var page = Assert.Single(await chat.OutboxAsync(), m => m.IsPageTo("maya")).Message;

        Assert.Equal(new Recipient(RecipientKind.Person, "maya"), page.To);
        Assert.Equal("INC-1", page.Subject);
        Assert.Equal("INC-1: Suspicious login on VPN", page.Card.Title);
        Assert.Equal(
            [(ActionIds.Acknowledge, "INC-1"), (ActionIds.Escalate, "INC-1@L1"), (ActionIds.Resolve, "INC-1")],
            page.Card.Buttons.Select(b => (b.ActionId, b.Value)));
    }

    [Fact]
    public async Task The_channel_announcement_names_and_mentions_everyone_paged()
    {
        await using var db = await TemporaryDatabase.MigratedAsync();
        var chat = await ChatHarness.StartAsync(db);
        await chat.DeclareAsync("sam", "Suspicious login on VPN");

        var announcement = Assert.Single(await chat.OutboxAsync(), m => m.IsChannel).Message;

        Assert.Equal(["maya"], announcement.Card.Mentions);
        Assert.Contains("INC-1 declared (general, L1) by Sam Okafor", announcement.Card.Text, StringComparison.Ordinal);
        Assert.Contains("Paged: Maya Chen.", announcement.Card.Text, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_customer_incident_starts_at_L3_pages_the_SecOps_manager_first_and_the_IR_lead_as_incident_lead()
    {
        await using var db = await TemporaryDatabase.MigratedAsync();
        var chat = await ChatHarness.StartAsync(db);

        var reply = await chat.SayAsync("sam", "declare Customer data visible to another tenant type:customer");

        Assert.Equal("INC-1 declared at L3.", reply.Text);
        var incident = await chat.IncidentAsync(1);
        Assert.Equal(("customer", "L3", "priya"), (incident.Type, incident.Level, incident.LeadPersonId));
        Assert.Equal(
            [("olivia", "L3", PageReason.OnCall), ("priya", "L3", PageReason.Lead)],
            incident.Pages.Select(p => (p.PersonId, p.Level, p.Reason)));
        var outbox = await chat.OutboxAsync();
        Assert.Equal(["person:olivia", "person:priya", "channel:incidents"], outbox.Select(m => m.ChannelKey));
        Assert.Contains("as incident lead", Assert.Single(outbox, m => m.IsPageTo("priya")).Message.Card.Text, StringComparison.Ordinal);
        // L3 is the last level escalated to by itself: the page says what happens if nobody acknowledges.
        Assert.Equal(
            "You are paged at L3. Acknowledge within 10 minutes or you are paged again; unacknowledged by Mon 2 Mar 09:20 UTC, "
            + "automatic escalation stops at L3 and the incidents channel is told.",
            Assert.Single(outbox, m => m.IsPageTo("olivia")).Message.Card.Text);
        Assert.Equal(new TableCounts(Incidents: 1, Pages: 2, Outbox: 3, IncidentEvents: 3, Timers: 1, Overrides: 0), await chat.CountsAsync());
    }

    [Fact]
    public async Task An_aws_incident_pages_the_cloud_security_engineer_instead_of_the_L1_rotation()
    {
        await using var db = await TemporaryDatabase.MigratedAsync();
        var chat = await ChatHarness.StartAsync(db);

        await chat.DeclareAsync("sam", "Root login from a new ASN type:aws");

        var incident = await chat.IncidentAsync(1);
        Assert.Equal(("aws", "L1"), (incident.Type, incident.Level));
        Assert.Equal([("diego", "L1", PageReason.OnCall)], incident.Pages.Select(p => (p.PersonId, p.Level, p.Reason)));
        Assert.Equal(["person:diego", "channel:incidents"], (await chat.OutboxAsync()).Select(m => m.ChannelKey));
    }

    [Fact]
    public async Task An_aws_incident_escalated_to_L2_pages_the_senior_SOC_engineer_only()
    {
        await using var db = await TemporaryDatabase.MigratedAsync();
        var chat = await ChatHarness.StartAsync(db);
        await chat.DeclareAsync("sam", "Root login from a new ASN type:aws");
        var before = await chat.LastOutboxIdAsync();

        var reply = await chat.SayAsync("diego", "escalate INC-1 needs deeper analysis");

        Assert.False(reply.IsRefusal, reply.Text);
        var incident = await chat.IncidentAsync(1);
        Assert.Equal("L2", incident.Level);
        Assert.Equal([("maya", "L2")], incident.Pages.Where(p => p.Level == "L2").Select(p => (p.PersonId, p.Level)));
        Assert.Equal(["person:maya", "channel:incidents"], (await chat.OutboxAfterAsync(before)).Select(m => m.ChannelKey));
    }

    [Fact]
    public async Task A_level_given_on_declare_pages_that_level()
    {
        await using var db = await TemporaryDatabase.MigratedAsync();
        var chat = await ChatHarness.StartAsync(db);

        await chat.DeclareAsync("sam", "Ransomware note on a file server level:L2");

        var incident = await chat.IncidentAsync(1);
        Assert.Equal("L2", incident.Level);
        Assert.Equal(["maya", "priya"], incident.Pages.Select(p => p.PersonId));
    }

    [Fact]
    public async Task The_declaration_its_pages_and_its_outbox_rows_commit_together_or_not_at_all()
    {
        await using var db = await TemporaryDatabase.MigratedAsync();
        var store = new FaultyStore(db.Store) { Failure = "outbox unavailable" };
        var chat = await ChatHarness.StartAsync(db, store);
        store.FailWhen = StoreChange.QueuesOutbox;

        var failure = await Assert.ThrowsAsync<InvalidOperationException>(() => chat.SayAsync("sam", "declare Suspicious login on VPN"));

        Assert.Equal("outbox unavailable", failure.Message);
        Assert.Equal(new TableCounts(0, 0, 0, 0, 0, 0), await chat.CountsAsync());

        store.FailWhen = null;
        Assert.Equal("INC-1 declared at L1.", (await chat.SayAsync("sam", "declare Suspicious login on VPN")).Text);
    }

    [Fact]
    public async Task Declare_with_no_arguments_opens_the_form_and_stores_nothing()
    {
        await using var db = await TemporaryDatabase.MigratedAsync();
        var chat = await ChatHarness.StartAsync(db);

        var reply = await chat.SayAsync("sam", "declare");

        Assert.NotNull(reply.OpensForm);
        Assert.Equal(DeclareForm.Kind, reply.OpensForm.Kind);
        Assert.Equal(new TableCounts(0, 0, 0, 0, 0, 0), await chat.CountsAsync());
    }

    [Fact]
    public async Task Declaring_at_Executive_is_refused_for_someone_who_is_not_a_manager_and_stores_nothing()
    {
        await using var db = await TemporaryDatabase.MigratedAsync();
        var chat = await ChatHarness.StartAsync(db);

        var reply = await chat.SayAsync("sam", "declare Breach of the payroll system level:EXEC");

        Assert.True(reply.IsRefusal);
        Assert.Equal(ReplyVisibility.Private, reply.Visibility);
        Assert.Contains("Only a Security Operations Manager or Security Engineering Manager may take an incident to Executive", reply.Text, StringComparison.Ordinal);
        Assert.Equal(new TableCounts(0, 0, 0, 0, 0, 0), await chat.CountsAsync());
    }

    [Fact]
    public async Task Incident_numbers_count_up_from_INC_1()
    {
        await using var db = await TemporaryDatabase.MigratedAsync();
        var chat = await ChatHarness.StartAsync(db);

        var first = await chat.SayAsync("sam", "declare First");
        var second = await chat.SayAsync("sam", "declare Second");

        Assert.Equal("INC-1 declared at L1.", first.Text);
        Assert.Equal("INC-2 declared at L1.", second.Text);
    }
}
