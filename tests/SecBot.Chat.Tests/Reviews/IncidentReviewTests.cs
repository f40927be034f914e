using SecBot.Chat.Cards;
using SecBot.Chat.Tests.Support;
using SecBot.Domain.Reviews;
using SecBot.Storage.Ledger;
using SecBot.Storage.Tests.Support;

namespace SecBot.Chat.Tests.Reviews;

/// <summary>Resolving an incident whose type asks for a review (OnResolveGate) opens it, in the resolve's transaction.</summary>
public sealed class IncidentReviewTests
{
    [Fact]
    public async Task Resolving_a_customer_incident_opens_a_postmortem_gate_requested_by_its_lead_and_linked_to_it()
    {
        await using var db = await TemporaryDatabase.MigratedAsync();
        var chat = await ReviewHarness.StartAsync(db);
        await chat.DoAsync("sam", "declare Customer data visible to another tenant type:customer");
        var lastMessage = await chat.LastOutboxIdAsync();

        await chat.DoAsync("olivia", "resolve INC-1 Tenant isolation fixed");

        var gate = await chat.GateAsync(1);
        Assert.Equal(("incident-postmortem", "priya", 1L, GateState.Open), (gate.Type, gate.RequestedBy, gate.IncidentNumber, gate.State));
        Assert.Equal("Incident postmortem for INC-1: Customer data visible to another tenant", gate.Title);
        var messages = await chat.OutboxAfterAsync(lastMessage);
        foreach (var reviewer in new[] { "hannah", "leo", "maya", "sam" })
        {
            var request = Assert.Single(messages, m => m.IsDirectTo(reviewer) && m.Message.Card.Buttons.Count > 0).Message.Card;
            Assert.Equal([ActionIds.Approve, ActionIds.Reject, ActionIds.Comment], request.Buttons.Select(b => b.ActionId));
        }

        Assert.Contains(messages, m => m.IsChannel && m.Message.Card.Text!.Contains("INC-1 is resolved, so REV-1 (Incident postmortem) is open", StringComparison.Ordinal));
        Assert.Contains(messages, m => m.IsDirectTo("priya") && m.Message.Card.Text!.Contains("You led INC-1", StringComparison.Ordinal));
        Assert.Equal(1, (await chat.Store.IncidentTimelineAsync(1)).Count(e => e.Kind == "review-opened"));
    }

    [Fact]
    public async Task The_opened_record_of_a_review_a_resolve_opens_names_who_resolved_and_whom_it_is_requested_for()
    {
        await using var db = await TemporaryDatabase.MigratedAsync();
        var chat = await ReviewHarness.StartAsync(db);
        await chat.DoAsync("sam", "declare Customer data visible to another tenant type:customer");

        await chat.DoAsync("olivia", "resolve INC-1 Tenant isolation fixed");

        var opened = (await chat.Store.LedgerAsync()).Where(r => r.GateId == 1 && r.Decision == LedgerDecisions.Opened).Select(r => $"{r.PersonId} {r.RoleHeld} {r.Comment}").First();
        Assert.Equal("olivia SecOpsManager {\"type\":\"incident-postmortem\",\"title\":\"Incident postmortem for INC-1: Customer data visible to another tenant\",\"requested_for\":\"priya\"}", opened);
        Assert.Equal("priya", (await chat.GateAsync(1)).RequestedBy);
        var verification = await db.Store.ReadAsync(c => SecBot.Storage.Ledger.LedgerVerifier.VerifyAsync(c, CancellationToken.None), CancellationToken.None);
        Assert.True(verification.IsIntact);
        Assert.Contains("by Olivia", (await chat.Store.GateTimelineAsync(1)).First(e => e.Kind == GateEventKinds.Opened).Detail, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Resolving_an_aws_incident_opens_a_runbook_update_requested_by_whoever_acknowledged_it()
    {
        await using var db = await TemporaryDatabase.MigratedAsync();
        var chat = await ReviewHarness.StartAsync(db);
        await chat.DoAsync("sam", "declare Root key used from new ASN type:aws");
        await chat.DoAsync("diego", "ack INC-1");

        await chat.DoAsync("diego", "resolve INC-1 Key rotated");

        var gate = await chat.GateAsync(1);
        Assert.Equal(("runbook-update", "diego", 1L), (gate.Type, gate.RequestedBy, gate.IncidentNumber));
        Assert.Contains(await chat.OutboxAsync(), m => m.IsDirectTo("hannah") && m.Message.Card.Buttons.Any(b => b.ActionId == ActionIds.Approve));
    }

    [Fact]
    public async Task Resolving_a_general_incident_opens_no_gate_and_a_repeated_resolve_opens_no_second_one()
    {
        await using var db = await TemporaryDatabase.MigratedAsync();
        var chat = await ReviewHarness.StartAsync(db);
        await chat.DoAsync("sam", "declare Suspicious login on VPN");
        await chat.DoAsync("sam", "declare Customer data visible to another tenant type:customer");

        await chat.DoAsync("maya", "resolve INC-1 Password reset");
        await chat.DoAsync("olivia", "resolve INC-2 Fixed");
        var again = await chat.SayAsync("olivia", "resolve INC-2 Fixed");

        Assert.True(again.IsRefusal);
        Assert.Single(await chat.Store.GatesAsync());
        Assert.Equal(2L, (await chat.GateAsync(1)).IncidentNumber);
    }
}
