using SecBot.Chat.Cards;
using SecBot.Domain.Reviews;
using SecBot.Storage.Tests.Support;

namespace SecBot.Chat.Tests.Reviews;

/// <summary>
/// Approve is one click on a gate type without a checklist; a comment is its own action (the Comment button, or
/// approve/comment typed with text), and checklist gates keep their form with every attestation required.
/// </summary>
public sealed class OneClickApprovalTests
{
    [Fact]
    public async Task On_a_gate_type_without_a_checklist_Approve_asks_for_nothing_and_one_press_signs_and_updates_the_message()
    {
        await using var db = await TemporaryDatabase.MigratedAsync();
        var chat = await ReviewHarness.StartAsync(db);
        await chat.DoAsync("diego", "review new-microservice Payments API v2");
        var request = (await chat.OutboxAsync()).Single(m => m.IsDirectTo("amara")).Message.Card;
        var approve = request.Buttons.Single(b => b.ActionId == ActionIds.Approve);
        Assert.Empty(approve.Asks);
        Assert.Equal("REV-1@1/1/SecArch", approve.Value);

        var reply = await chat.PressOkAsync("amara", ActionIds.Approve, approve.Value);

        Assert.True(reply.UpdatesOriginal);
        Assert.Contains("Now at Stage 2 'Cross-team peer review'", reply.Text, StringComparison.Ordinal);
        var signOff = Assert.Single((await chat.GateAsync(1)).CurrentSignOffs);
        Assert.Equal(("amara", "SecArch", 1, SignOffDecision.Approve, (string?)null), (signOff.PersonId, signOff.SeatId, signOff.StageNumber, signOff.Decision, signOff.Comment));
    }

    [Fact]
    public async Task Required_reviewers_get_a_separate_Comment_button_whose_form_asks_for_the_comment()
    {
        await using var db = await TemporaryDatabase.MigratedAsync();
        var chat = await ReviewHarness.StartAsync(db);
        await chat.DoAsync("diego", "review new-microservice Payments API v2");
        var request = (await chat.OutboxAsync()).Single(m => m.IsDirectTo("amara")).Message.Card;

        var comment = request.Buttons.Single(b => b.ActionId == ActionIds.Comment);
        var input = Assert.Single(comment.Asks);
        Assert.Equal((ActionIds.Inputs.Comment, true), (input.Id, input.Required));
        Assert.Equal("Comment on REV-1", comment.FormTitle);

        var reply = await chat.PressOkAsync("amara", ActionIds.Comment, comment.Value, (ActionIds.Inputs.Comment, "Which queue does it read?"));

        Assert.True(reply.UpdatesOriginal);
        var gate = await chat.GateAsync(1);
        var recorded = Assert.Single(gate.CurrentSignOffs);
        Assert.Equal((SignOffDecision.Comment, false, 1), (recorded.Decision, recorded.IsOptionalSeat, gate.StageNumber));
        Assert.Contains(reply.Card!.Buttons, b => b.ActionId == ActionIds.Approve && b.Value == "REV-1@1/1/SecArch");
        var told = (await chat.OutboxAsync()).Last(m => m.IsDirectTo("diego"));
        Assert.Contains("Amara Osei (Security Architecture) commented — Which queue does it read?", told.Text, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_checklist_gate_keeps_the_Approve_form_with_every_attestation_required_and_a_readable_title()
    {
        await using var db = await TemporaryDatabase.MigratedAsync();
        var chat = await ReviewHarness.StartAsync(db);
        await chat.DoAsync("diego", "review high-risk-deploy Payments API v2");

        var approve = (await chat.OutboxAsync()).Single(m => m.IsDirectTo("amara")).Message.Card.Buttons.Single(b => b.ActionId == ActionIds.Approve);

        var checklist = approve.Asks.Single(a => a.Kind == CardInputKind.Checkboxes);
        Assert.True(checklist.Required);
        Assert.Equal(["Security controls", "Monitoring coverage", "Incident response"], checklist.Options);
        Assert.Equal("Approve REV-1", approve.FormTitle);
        var refused = await chat.PressAsync("amara", ActionIds.Approve, approve.Value, (ActionIds.Inputs.Checklist, "Security controls"));
        Assert.True(refused.IsRefusal);
        Assert.Empty((await chat.GateAsync(1)).SignOffs);
    }

    [Fact]
    public async Task Approve_typed_with_text_records_the_comment_on_the_sign_off()
    {
        await using var db = await TemporaryDatabase.MigratedAsync();
        var chat = await ReviewHarness.StartAsync(db);
        await chat.DoAsync("diego", "review new-microservice Payments API v2");

        await chat.DoAsync("amara", "approve REV-1 Design is sound");

        Assert.Equal("Design is sound", Assert.Single((await chat.GateAsync(1)).CurrentSignOffs).Comment);
    }
}
