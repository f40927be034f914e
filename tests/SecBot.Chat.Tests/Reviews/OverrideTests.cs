using SecBot.Chat.Cards;
using SecBot.Chat.Tests.Support;
using SecBot.Domain.Reviews;
using SecBot.Storage.Ledger;
using SecBot.Storage.Tests.Support;

namespace SecBot.Chat.Tests.Reviews;

/// <summary>
/// Policy rule 6: a team manager may record an override for a seat, with a mandatory reason, and overrides are marked
/// as such everywhere. The shipped policy needs it: a customer incident's postmortem is requested by its lead, Priya,
/// who is the only Incident Response Lead, so nobody else can sign its IRLead seat.
/// </summary>
public sealed class OverrideTests
{
    private const string Reason = "Priya led INC-1 and is the only IR lead, so she cannot sign her own postmortem";

    [Fact]
    public async Task A_manager_override_fills_the_seat_nobody_else_can_sign_approves_the_gate_and_is_marked_override_everywhere()
    {
        await using var db = await TemporaryDatabase.MigratedAsync();
        var chat = await PostmortemWaitingOnlyOnIrLeadAsync(db);
        var lastMessage = await chat.LastOutboxIdAsync();

        var reply = await chat.DoAsync("olivia", $"override REV-1 irlead {Reason}");

        Assert.Contains("override by Olivia", reply.Text, StringComparison.Ordinal);
        Assert.Contains(Reason, reply.Text, StringComparison.Ordinal);
        Assert.Contains("REV-1 is approved", reply.Text, StringComparison.Ordinal);
        Assert.False(reply.UpdatesOriginal);
        Assert.StartsWith("Override recorded by Olivia", reply.Card!.Context, StringComparison.Ordinal);

        var gate = await chat.GateAsync(1);
        Assert.Equal(GateState.Approved, gate.State);
        var filled = Assert.Single(gate.CurrentSignOffs, s => s.SeatId == "IRLead");
        Assert.Equal(("olivia", SignOffDecision.Override, Reason), (filled.PersonId, filled.Decision, filled.Comment));

        Assert.Equal(1, (await chat.Store.LedgerAsync()).Count(r =>
            r is { Kind: LedgerRecord.SignOffKind, GateId: 1, Seat: "IRLead", PersonId: "olivia", Decision: LedgerDecisions.Override, IsOverride: true }));
        Assert.Equal(1, (await chat.Store.LedgerAsync()).Count(r =>
            r is { Kind: LedgerRecord.GateDecisionKind, GateId: 1, Decision: LedgerDecisions.GateApproved, IsOverride: true }));

        var told = await chat.OutboxAfterAsync(lastMessage);
        var announcements = told.Where(m => m.IsChannel).Select(m => m.Text).ToList();
        Assert.Contains(announcements, t => t.Contains("filled by override by Olivia", StringComparison.Ordinal) && t.Contains(Reason, StringComparison.Ordinal));
        var approved = Assert.Single(announcements, t => t.Contains("REV-1 approved", StringComparison.Ordinal));
        Assert.Contains("override by Olivia", approved, StringComparison.Ordinal);
        Assert.Contains(told, m => m.IsDirectTo("priya") && m.Text.Contains("override", StringComparison.Ordinal));
    }

    [Fact]
    public async Task An_override_by_someone_who_is_not_a_team_manager_is_refused_and_changes_nothing()
    {
        await using var db = await TemporaryDatabase.MigratedAsync();
        var chat = await PostmortemWaitingOnlyOnIrLeadAsync(db);
        var before = await chat.CountsAsync();

        var reply = await chat.SayAsync("diego", $"override REV-1 IRLead {Reason}");

        Assert.True(reply.IsRefusal);
        Assert.Contains("can override a seat of REV-1", reply.Text, StringComparison.Ordinal);
        Assert.Contains("Usage: override REV-n <seat> <reason>", reply.Text, StringComparison.Ordinal);
        Assert.Equal(before, await chat.CountsAsync());
        var gate = await chat.GateAsync(1);
        Assert.Equal(GateState.Open, gate.State);
        Assert.DoesNotContain(gate.CurrentSignOffs, s => s.IsOverride);
    }

    [Fact]
    public async Task An_override_of_a_seat_that_is_not_pending_is_refused_naming_the_pending_ones_and_changes_nothing()
    {
        await using var db = await TemporaryDatabase.MigratedAsync();
        var chat = await PostmortemWaitingOnlyOnIrLeadAsync(db);
        var before = await chat.CountsAsync();

        var reply = await chat.SayAsync("olivia", $"override REV-1 SOC {Reason}");

        Assert.True(reply.IsRefusal);
        Assert.Contains("pending: IRLead", reply.Text, StringComparison.Ordinal);
        Assert.Equal(before, await chat.CountsAsync());
    }

    [Fact]
    public async Task An_override_without_a_reason_is_refused_with_the_usage_and_changes_nothing()
    {
        await using var db = await TemporaryDatabase.MigratedAsync();
        var chat = await PostmortemWaitingOnlyOnIrLeadAsync(db);
        var before = await chat.CountsAsync();

        var reply = await chat.SayAsync("olivia", "override REV-1 IRLead");

        Assert.True(reply.IsRefusal);
        Assert.Contains("override needs a reason", reply.Text, StringComparison.Ordinal);
        Assert.Contains("Usage: override REV-n <seat> <reason>", reply.Text, StringComparison.Ordinal);
        Assert.Equal(before, await chat.CountsAsync());
    }

    /// <summary>Sam declares a customer incident, Olivia resolves it (REV-1, requested by Priya), Hannah and Maya approve.</summary>
    private static async Task<ReviewHarness> PostmortemWaitingOnlyOnIrLeadAsync(TemporaryDatabase db)
    {
        var chat = await ReviewHarness.StartAsync(db);
        await chat.DoAsync("sam", "declare Customer data visible to another tenant type:customer");
        await chat.DoAsync("olivia", "resolve INC-1 Tenant isolation fixed");
        var gate = await chat.GateAsync(1);
        Assert.Equal(("incident-postmortem", "priya"), (gate.Type, gate.RequestedBy));

        await chat.PressOkAsync("hannah", ActionIds.Approve, "REV-1@1");
        await chat.PressOkAsync("maya", ActionIds.Approve, "REV-1@1");

        gate = await chat.GateAsync(1);
        Assert.Equal(GateState.Open, gate.State);
        Assert.Equal(["RedTeam", "SOC"], gate.CurrentSignOffs.Where(s => s.FillsRequiredSeat).Select(s => s.SeatId).Order(StringComparer.Ordinal));
        return chat;
    }
}
