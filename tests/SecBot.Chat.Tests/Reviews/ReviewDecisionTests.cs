using SecBot.Chat.Cards;
using SecBot.Chat.Conversation;
using SecBot.Chat.Tests.Support;
using SecBot.Domain.Reviews;
using SecBot.Storage.Ledger;
using SecBot.Storage.Tests.Support;

namespace SecBot.Chat.Tests.Reviews;

/// <summary>Approve, reject and resubmit, as buttons and typed, through the router over the real store.</summary>
public sealed class ReviewDecisionTests
{
    private static async Task<ReviewHarness> WithHighRiskDeployAsync(TemporaryDatabase db)
    {
        var chat = await ReviewHarness.StartAsync(db);
        await chat.DoAsync("diego", "review high-risk-deploy Payments API v2");
        return chat;
    }

    [Fact]
    public async Task Approving_by_button_with_the_checklist_signs_the_seat_and_updates_the_message_in_place()
    {
        await using var db = await TemporaryDatabase.MigratedAsync();
        var chat = await WithHighRiskDeployAsync(db);

        var reply = await chat.PressOkAsync("amara", ActionIds.Approve, "REV-1@1", ReviewHarness.FullChecklist);

        Assert.True(reply.UpdatesOriginal);
        Assert.NotNull(reply.Card);
        Assert.StartsWith("Approved by Amara Osei", reply.Card.Context, StringComparison.Ordinal);
        Assert.Contains("Security Architecture: approved by Amara Osei (Security Architect)", reply.Card.Facts.Single(f => f.Label.StartsWith("Stage 1", StringComparison.Ordinal)).Value, StringComparison.Ordinal);
        Assert.Contains("waiting on Red Team, SOC, Incident Response Lead", reply.Text, StringComparison.Ordinal);
        var signOff = Assert.Single((await chat.GateAsync(1)).CurrentSignOffs);
        Assert.Equal(("amara", "SecArch", "SecurityArchitect", SignOffDecision.Approve), (signOff.PersonId, signOff.SeatId, signOff.RoleHeld, signOff.Decision));
        Assert.Equal(["Security controls", "Monitoring coverage", "Incident response"], signOff.Checklist);
        Assert.Equal(ReviewHarness.Platform, signOff.Platform);
    }

    [Fact]
    public async Task The_last_required_approval_approves_the_gate_announces_it_and_tells_the_requester_and_both_managers()
    {
        await using var db = await TemporaryDatabase.MigratedAsync();
        var chat = await WithHighRiskDeployAsync(db);
        await chat.PressOkAsync("amara", ActionIds.Approve, "REV-1@1", ReviewHarness.FullChecklist);
        await chat.PressOkAsync("hannah", ActionIds.Approve, "REV-1@1", ReviewHarness.FullChecklist);
        await chat.PressOkAsync("sam", ActionIds.Approve, "REV-1@1", (ActionIds.Inputs.Checklist, "Security controls, Monitoring coverage, Incident response"));
        var lastMessage = await chat.LastOutboxIdAsync();

        var reply = await chat.PressOkAsync("priya", ActionIds.Approve, "REV-1@1", ReviewHarness.FullChecklist, (ActionIds.Inputs.Comment, "Runbook linked"));

        Assert.Contains("REV-1 is approved", reply.Text, StringComparison.Ordinal);
        Assert.StartsWith("approved", reply.Card!.Facts.Single(f => f.Label == "State").Value, StringComparison.Ordinal);
        Assert.Empty(reply.Card.Buttons);
        var gate = await chat.GateAsync(1);
        Assert.Equal(GateState.Approved, gate.State);

        var told = await chat.OutboxAfterAsync(lastMessage);
        Assert.Equal(new[] { "channel:incidents", "person:diego", "person:olivia", "person:raj" }, told.Select(m => m.ChannelKey).Order(StringComparer.Ordinal));
        var announcement = told.Single(m => m.IsChannel).Message;
        Assert.Contains("REV-1 approved", announcement.Card.Text, StringComparison.Ordinal);
        Assert.Contains("diego", announcement.Card.Mentions);
        Assert.All(told, m => Assert.Contains("approved", m.Message.Card.Text, StringComparison.Ordinal));
        Assert.Equal(1, (await chat.Store.LedgerAsync()).Count(r => r.Kind == LedgerRecord.GateDecisionKind && r.Decision == LedgerDecisions.GateApproved));
    }

    [Fact]
    public async Task An_approval_without_every_checklist_item_is_refused_and_records_nothing()
    {
        await using var db = await TemporaryDatabase.MigratedAsync();
        var chat = await WithHighRiskDeployAsync(db);
        var before = await chat.CountsAsync();

        var reply = await chat.PressAsync("amara", ActionIds.Approve, "REV-1@1", (ActionIds.Inputs.Checklist, "Security controls"));

        Assert.True(reply.IsRefusal);
        Assert.Contains("not attested: \"Monitoring coverage\", \"Incident response\"", reply.Text, StringComparison.Ordinal);
        Assert.Equal(before, await chat.CountsAsync());
    }

    [Fact]
    public async Task A_typed_approve_on_a_checklist_gate_answers_with_the_request_card_to_tick_the_items()
    {
        await using var db = await TemporaryDatabase.MigratedAsync();
        var chat = await WithHighRiskDeployAsync(db);
        var before = await chat.CountsAsync();

        var reply = await chat.SayAsync("amara", "approve REV-1 looks good");

        Assert.True(reply.IsRefusal);
        Assert.Contains("Tick them on the Approve button below.", reply.Text, StringComparison.Ordinal);
        Assert.NotNull(reply.Card);
        Assert.Contains(reply.Card.Buttons, b => b.ActionId == ActionIds.Approve && b.Asks.Any(i => i.Kind == CardInputKind.Checkboxes));
        Assert.Equal(before, await chat.CountsAsync());
    }

    [Fact]
    public async Task A_typed_approve_on_a_gate_without_a_checklist_signs_it()
    {
        await using var db = await TemporaryDatabase.MigratedAsync();
        var chat = await ReviewHarness.StartAsync(db);
        await chat.DoAsync("diego", "review detection-rules New CloudTrail rules");

        var reply = await chat.DoAsync("leo", "approve REV-1 Rules fire on the replayed attack");

        Assert.False(reply.UpdatesOriginal);
        Assert.Equal(ReplyVisibility.Private, reply.Visibility);
        var signOff = Assert.Single((await chat.GateAsync(1)).CurrentSignOffs);
        Assert.Equal(("leo", "RedTeam", "Rules fire on the replayed attack"), (signOff.PersonId, signOff.SeatId, signOff.Comment));
    }

    [Fact]
    public async Task A_second_reviewer_for_a_filled_seat_is_told_who_signed_it_and_nothing_is_recorded()
    {
        await using var db = await TemporaryDatabase.MigratedAsync();
        var chat = await ReviewHarness.StartAsync(db);
        await chat.DoAsync("diego", "review detection-rules New CloudTrail rules");
        await chat.PressOkAsync("maya", ActionIds.Approve, "REV-1@1");
        var before = await chat.CountsAsync();

        var reply = await chat.PressAsync("sam", ActionIds.Approve, "REV-1@1");

        Assert.True(reply.IsRefusal);
        Assert.Equal("SOC on REV-1 is already signed by Maya Chen; nothing was recorded.", reply.Text);
        Assert.Equal(before, await chat.CountsAsync());
    }

    [Fact]
    public async Task A_double_click_on_approve_records_one_sign_off()
    {
        await using var db = await TemporaryDatabase.MigratedAsync();
        var chat = await ReviewHarness.StartAsync(db);
        await chat.DoAsync("diego", "review detection-rules New CloudTrail rules");

        var replies = await Task.WhenAll(
            chat.PressAsync("maya", ActionIds.Approve, "REV-1@1"),
            chat.PressAsync("maya", ActionIds.Approve, "REV-1@1"));

        Assert.Single(replies, r => !r.IsRefusal);
        Assert.Contains("You already approved SOC on REV-1", replies.Single(r => r.IsRefusal).Text, StringComparison.Ordinal);
        Assert.Single((await chat.GateAsync(1)).CurrentSignOffs);
    }

    [Fact]
    public async Task Two_processes_racing_for_one_seat_record_one_sign_off_and_the_loser_hears_who_won()
    {
        await using var db = await TemporaryDatabase.MigratedAsync();
        var first = await ReviewHarness.StartAsync(db);
        var second = await ReviewHarness.StartAsync(db, db.NewStore());
        await first.DoAsync("diego", "review detection-rules New CloudTrail rules");

        var replies = await Task.WhenAll(
            first.PressAsync("maya", ActionIds.Approve, "REV-1@1"),
            second.PressAsync("sam", ActionIds.Approve, "REV-1@1"));

        var winner = Assert.Single(replies, r => !r.IsRefusal);
        var loser = Assert.Single(replies, r => r.IsRefusal);
        var signOff = Assert.Single((await first.GateAsync(1)).CurrentSignOffs);
        Assert.Equal($"SOC on REV-1 is already signed by {first.Cards.Name(signOff.PersonId)}; nothing was recorded.", loser.Text);
        Assert.True(winner.UpdatesOriginal);
    }

    [Fact]
    public async Task Reject_with_a_reason_requests_changes_and_tells_the_requester_the_managers_and_the_channel()
    {
        await using var db = await TemporaryDatabase.MigratedAsync();
        var chat = await WithHighRiskDeployAsync(db);
        var lastMessage = await chat.LastOutboxIdAsync();

        var reply = await chat.PressOkAsync("hannah", ActionIds.Reject, "REV-1@1", (ActionIds.Inputs.Reason, "No rate limiting on the refund endpoint"));

        Assert.True(reply.UpdatesOriginal);
        Assert.Equal(GateState.ChangesRequested, (await chat.GateAsync(1)).State);
        // Nothing is pending while the requester fixes it: the unsigned seats are not signed, not "waiting".
        Assert.Contains("SOC: not signed", reply.Card!.Facts.Single(f => f.Label.StartsWith("Stage 1", StringComparison.Ordinal)).Value, StringComparison.Ordinal);
        var told = await chat.OutboxAfterAsync(lastMessage);
        Assert.Equal(new[] { "channel:incidents", "person:diego", "person:olivia", "person:raj" }, told.Select(m => m.ChannelKey).Order(StringComparer.Ordinal));
        var announcement = told.Single(m => m.IsChannel).Message.Card.Text;
        Assert.Equal("REV-1: changes requested by Hannah Weber (Red Team): No rate limiting on the refund endpoint", announcement);
        Assert.EndsWith("No rate limiting on the refund endpoint\nWhen it is fixed: resubmit REV-1 [note]", told.Single(m => m.IsDirectTo("diego")).Message.Card.Text, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Reject_without_a_reason_is_refused_by_button_and_by_the_parser()
    {
        await using var db = await TemporaryDatabase.MigratedAsync();
        var chat = await WithHighRiskDeployAsync(db);
        var before = await chat.CountsAsync();

        var pressed = await chat.PressAsync("hannah", ActionIds.Reject, "REV-1@1");
        var typed = await chat.SayAsync("hannah", "reject REV-1");

        Assert.True(pressed.IsRefusal);
        Assert.Contains("Rejecting needs a reason", pressed.Text, StringComparison.Ordinal);
        Assert.True(typed.IsRefusal);
        Assert.Equal(before, await chat.CountsAsync());
    }

    [Fact]
    public async Task Resubmitting_starts_revision_2_asks_the_reviewers_again_and_marks_old_sign_offs_stale()
    {
        await using var db = await TemporaryDatabase.MigratedAsync();
        var chat = await WithHighRiskDeployAsync(db);
        await chat.PressOkAsync("amara", ActionIds.Approve, "REV-1@1", ReviewHarness.FullChecklist);
        await chat.DoAsync("hannah", "reject REV-1 No rate limiting on the refund endpoint");
        var lastMessage = await chat.LastOutboxIdAsync();

        var reply = await chat.DoAsync("diego", "resubmit REV-1 Rate limiting added");

        Assert.Contains("revision 2", reply.Text, StringComparison.Ordinal);
        var gate = await chat.GateAsync(1);
        Assert.Equal((GateState.Open, 2, 1), (gate.State, gate.Revision, gate.StageNumber));
        Assert.Empty(gate.CurrentSignOffs);
        Assert.All(gate.SignOffs, s => Assert.True(s.IsStale));
        var requests = await chat.OutboxAfterAsync(lastMessage);
        Assert.Equal(new[] { "amara", "hannah", "leo", "maya", "priya", "sam" }, requests.Select(m => m.Message.To.Id).Order(StringComparer.Ordinal));
        Assert.All(requests, m => Assert.All(m.Message.Card.Buttons, b => Assert.StartsWith("REV-1@2/1/", b.Value, StringComparison.Ordinal)));
    }

    [Fact]
    public async Task Only_the_requester_can_resubmit()
    {
        await using var db = await TemporaryDatabase.MigratedAsync();
        var chat = await WithHighRiskDeployAsync(db);
        await chat.DoAsync("hannah", "reject REV-1 No rate limiting");
        var before = await chat.CountsAsync();

        var reply = await chat.SayAsync("amara", "resubmit REV-1");

        Assert.True(reply.IsRefusal);
        Assert.Contains("Only Diego Alvarez, who requested REV-1, can resubmit it.", reply.Text, StringComparison.Ordinal);
        Assert.Equal(before, await chat.CountsAsync());
    }

    [Fact]
    public async Task A_button_from_the_request_for_an_earlier_revision_is_refused_as_stale()
    {
        await using var db = await TemporaryDatabase.MigratedAsync();
        var chat = await WithHighRiskDeployAsync(db);
        await chat.DoAsync("hannah", "reject REV-1 No rate limiting");
        await chat.DoAsync("diego", "resubmit REV-1 Rate limiting added");
        var before = await chat.CountsAsync();

        var reply = await chat.PressAsync("amara", ActionIds.Approve, "REV-1@1", ReviewHarness.FullChecklist);

        Assert.True(reply.IsRefusal);
        Assert.Contains("revision 1 of REV-1, which has been resubmitted as revision 2; nothing was recorded", reply.Text, StringComparison.Ordinal);
        Assert.Equal(before, await chat.CountsAsync());
    }

    [Fact]
    public async Task A_button_on_an_approved_gate_changes_nothing_and_says_it_is_approved()
    {
        await using var db = await TemporaryDatabase.MigratedAsync();
        var chat = await ReviewHarness.StartAsync(db);
        await chat.DoAsync("maya", "request tool Osquery fleet manager");
        await chat.PressOkAsync("raj", ActionIds.Approve, "REV-1@1");
        var before = await chat.CountsAsync();

        var approve = await chat.PressAsync("raj", ActionIds.Approve, "REV-1@1");
        var reject = await chat.PressAsync("raj", ActionIds.Reject, "REV-1@1", (ActionIds.Inputs.Reason, "Changed my mind"));

        Assert.True(approve.IsRefusal);
        Assert.Equal("REV-1 is already approved; there is nothing left to approve.", approve.Text);
        Assert.True(reject.IsRefusal);
        Assert.Equal("REV-1 is already approved; there is nothing left to reject.", reject.Text);
        Assert.Equal(before, await chat.CountsAsync());
    }

    [Theory]
    [InlineData("REV-99@1", "There is no REV-99.")]
    [InlineData("INC-1", "does not name a review gate")]
    [InlineData("REV-1@zero", "does not name a review gate")]
    [InlineData("", "does not name a review gate")]
    public async Task A_forged_gate_button_changes_nothing_and_says_why(string value, string expected)
    {
        await using var db = await TemporaryDatabase.MigratedAsync();
        var chat = await WithHighRiskDeployAsync(db);
        var before = await chat.CountsAsync();

        var reply = await chat.PressAsync("amara", ActionIds.Approve, value, ReviewHarness.FullChecklist);

        Assert.True(reply.IsRefusal);
        Assert.Contains(expected, reply.Text, StringComparison.Ordinal);
        Assert.Equal(before, await chat.CountsAsync());
    }

    [Fact]
    public async Task Someone_on_no_seat_of_the_gate_cannot_approve_it_by_button()
    {
        await using var db = await TemporaryDatabase.MigratedAsync();
        var chat = await WithHighRiskDeployAsync(db);
        var before = await chat.CountsAsync();

        var reply = await chat.PressAsync("kenji", ActionIds.Approve, "REV-1@1", ReviewHarness.FullChecklist);

        Assert.True(reply.IsRefusal);
        Assert.Contains("You cannot sign REV-1", reply.Text, StringComparison.Ordinal);
        Assert.Equal(before, await chat.CountsAsync());
    }

    [Fact]
    public async Task Approving_a_tool_request_makes_the_security_tool_engineer_its_owner_and_tells_them()
    {
        await using var db = await TemporaryDatabase.MigratedAsync();
        var chat = await ReviewHarness.StartAsync(db);
        await chat.DoAsync("maya", "request tool Osquery fleet manager");
        var lastMessage = await chat.LastOutboxIdAsync();

        await chat.PressOkAsync("raj", ActionIds.Approve, "REV-1@1");

        var gate = await chat.GateAsync(1);
        Assert.Equal((GateState.Approved, "kenji"), (gate.State, gate.OwnerPersonId));
        var told = await chat.OutboxAfterAsync(lastMessage);
        var owner = Assert.Single(told, m => m.IsDirectTo("kenji")).Message.Card;
        Assert.Contains("you own it from here", owner.Text, StringComparison.Ordinal);
        Assert.Contains(told, m => m.IsDirectTo("maya") && m.Message.Card.Text!.Contains("REV-1 approved", StringComparison.Ordinal));
    }

    [Fact]
    public async Task An_optional_reviewer_objection_is_sent_to_the_requester_and_does_not_block()
    {
        await using var db = await TemporaryDatabase.MigratedAsync();
        var chat = await ReviewHarness.StartAsync(db);
        await chat.DoAsync("diego", "review detection-rules New CloudTrail rules");
        var lastMessage = await chat.LastOutboxIdAsync();

        await chat.PressOkAsync("amara", ActionIds.Object, "REV-1@1", (ActionIds.Inputs.Reason, "Rule 4 will flood the SOC"));
        await chat.PressOkAsync("leo", ActionIds.Approve, "REV-1@1");
        await chat.PressOkAsync("sam", ActionIds.Approve, "REV-1@1");

        Assert.Equal(GateState.Approved, (await chat.GateAsync(1)).State);
        var objection = (await chat.OutboxAfterAsync(lastMessage)).First(m => m.IsDirectTo("diego")).Message.Card.Text;
        Assert.Contains("objects — Rule 4 will flood the SOC. This does not block the review", objection, StringComparison.Ordinal);
    }
    [Theory]
    [InlineData(ActionIds.Comment, ActionIds.Inputs.Comment, "Consider rate limits on rule 4")]
    [InlineData(ActionIds.Object, ActionIds.Inputs.Reason, "Rule 4 will flood the SOC")]
    public async Task An_optional_reviewer_keeps_approve_comment_and_object_buttons_while_the_gate_is_open(string actionId, string inputId, string text)
    {
        await using var db = await TemporaryDatabase.MigratedAsync();
        var chat = await ReviewHarness.StartAsync(db);
        await chat.DoAsync("diego", "review detection-rules New CloudTrail rules");

        var reply = await chat.PressOkAsync("amara", actionId, "REV-1@1", (inputId, text));

        Assert.True(reply.UpdatesOriginal);
        Assert.Equal([ActionIds.Approve, ActionIds.Comment, ActionIds.Object], reply.Card!.Buttons.Select(b => b.ActionId));
        Assert.All(reply.Card.Buttons, b => Assert.Equal("REV-1@1", b.Value));

        // The kept buttons still work: the optional reviewer can act again from the replaced card.
        var again = await chat.PressOkAsync("amara", ActionIds.Comment, reply.Card.Buttons.Single(b => b.ActionId == ActionIds.Comment).Value, (ActionIds.Inputs.Comment, "Second thought"));
        Assert.Equal([ActionIds.Approve, ActionIds.Comment, ActionIds.Object], again.Card!.Buttons.Select(b => b.ActionId));
    }

    [Fact]
    public async Task Once_the_gate_is_approved_an_optional_reviewer_can_no_longer_object()
    {
        await using var db = await TemporaryDatabase.MigratedAsync();
        var chat = await ReviewHarness.StartAsync(db);
        await chat.DoAsync("diego", "review detection-rules New CloudTrail rules");
        var open = await chat.PressOkAsync("amara", ActionIds.Comment, "REV-1@1", (ActionIds.Inputs.Comment, "Looks sensible"));
        Assert.NotEmpty(open.Card!.Buttons);
        await chat.PressOkAsync("leo", ActionIds.Approve, "REV-1@1");
        await chat.PressOkAsync("sam", ActionIds.Approve, "REV-1@1");

        var late = await chat.PressAsync("amara", ActionIds.Object, "REV-1@1", (ActionIds.Inputs.Reason, "Too late"));

        Assert.True(late.IsRefusal);
        Assert.Equal(GateState.Approved, (await chat.GateAsync(1)).State);
    }
}
