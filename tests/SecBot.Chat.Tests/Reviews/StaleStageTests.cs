using SecBot.Chat.Cards;
using SecBot.Domain.Reviews;
using SecBot.Storage.Tests.Support;

namespace SecBot.Chat.Tests.Reviews;

/// <summary>
/// A stale or repeated Approve must not sign the next stage: a button names the stage (and seat) it was sent for, and
/// a typed approve that would sign a later stage than one the approver already signed needs <c>stage:&lt;n&gt;</c>.
/// new-microservice: Amara (Security Architect) signs stage 1 alone, then stage 2 with Priya.
/// </summary>
public sealed class StaleStageTests
{
    private static async Task<ReviewHarness> WithNewMicroserviceAsync(TemporaryDatabase db)
    {
        var chat = await ReviewHarness.StartAsync(db);
        await chat.DoAsync("diego", "review new-microservice Payments API v2");
        return chat;
    }

    [Fact]
    public async Task Pressing_stage_1s_Approve_again_after_the_stage_closed_is_refused_as_stale_naming_the_current_stage()
    {
        await using var db = await TemporaryDatabase.MigratedAsync();
        var chat = await WithNewMicroserviceAsync(db);
        await chat.PressOkAsync("amara", ActionIds.Approve, "REV-1@1/1/SecArch");
        var before = await chat.CountsAsync();

        var again = await chat.PressAsync("amara", ActionIds.Approve, "REV-1@1/1/SecArch");

        Assert.True(again.IsRefusal);
        Assert.StartsWith("That button is from the request for Stage 1 'Threat model & design review' of REV-1, which is closed; REV-1 is now at Stage 2 'Cross-team peer review'.", again.Text, StringComparison.Ordinal);
        Assert.Equal(before, await chat.CountsAsync());
        Assert.DoesNotContain((await chat.GateAsync(1)).SignOffs, s => s.StageNumber == 2);
    }

    [Fact]
    public async Task The_new_stages_request_carries_its_own_stage_and_its_Approve_signs_it()
    {
        await using var db = await TemporaryDatabase.MigratedAsync();
        var chat = await WithNewMicroserviceAsync(db);
        var last = await chat.LastOutboxIdAsync();
        await chat.PressOkAsync("amara", ActionIds.Approve, "REV-1@1/1/SecArch");

        var request = (await chat.OutboxAfterAsync(last)).Single(m => m.IsDirectTo("amara") && m.Message.Card.Buttons.Count > 0).Message.Card;
        var approve = request.Buttons.Single(b => b.ActionId == ActionIds.Approve);
        Assert.Equal("REV-1@1/2/SecArch", approve.Value);

        await chat.PressOkAsync("amara", ActionIds.Approve, approve.Value);

        Assert.Contains((await chat.GateAsync(1)).CurrentSignOffs, s => (s.StageNumber, s.SeatId, s.PersonId) == (2, "SecArch", "amara"));
    }

    [Fact]
    public async Task A_repeated_typed_approve_does_not_sign_the_next_stage_and_asks_for_the_stage()
    {
        await using var db = await TemporaryDatabase.MigratedAsync();
        var chat = await WithNewMicroserviceAsync(db);
        await chat.DoAsync("amara", "approve REV-1 threat model reviewed");
        var before = await chat.CountsAsync();

        var again = await chat.SayAsync("amara", "approve REV-1 threat model reviewed");

        Assert.True(again.IsRefusal);
        Assert.Contains("You signed Stage 1 'Threat model & design review' of REV-1", again.Text, StringComparison.Ordinal);
        Assert.Contains("approve REV-1 stage:2 [comment]", again.Text, StringComparison.Ordinal);
        Assert.Equal(before, await chat.CountsAsync());
        Assert.Equal(2, (await chat.GateAsync(1)).StageNumber);
    }

    [Fact]
    public async Task Naming_the_stage_signs_it()
    {
        await using var db = await TemporaryDatabase.MigratedAsync();
        var chat = await WithNewMicroserviceAsync(db);
        await chat.DoAsync("amara", "approve REV-1");

        await chat.DoAsync("amara", "approve REV-1 stage:2 peer review done");

        var signOff = (await chat.GateAsync(1)).CurrentSignOffs.Single(s => s.StageNumber == 2);
        Assert.Equal(("amara", "SecArch", "peer review done"), (signOff.PersonId, signOff.SeatId, signOff.Comment));
    }

    [Fact]
    public async Task The_next_stages_request_shows_the_typed_approve_that_signs_it()
    {
        await using var db = await TemporaryDatabase.MigratedAsync();
        var chat = await WithNewMicroserviceAsync(db);
        var last = await chat.LastOutboxIdAsync();
        await chat.DoAsync("amara", "approve REV-1");
        var request = (await chat.OutboxAfterAsync(last)).Single(m => m.IsDirectTo("amara") && m.Message.Card.Buttons.Count > 0);
        var typed = System.Text.RegularExpressions.Regex.Match(request.Message.Card.Text!, @"approve REV-1 stage:\d").Value;

        var reply = await chat.DoAsync("amara", typed + " peer review done");

        Assert.Equal("approve REV-1 stage:2", typed);
        Assert.False(reply.IsRefusal);
        Assert.Contains((await chat.GateAsync(1)).CurrentSignOffs, s => s.StageNumber == 2 && s.PersonId == "amara");
    }

    [Fact]
    public async Task Naming_a_stage_that_is_not_open_is_refused()
    {
        await using var db = await TemporaryDatabase.MigratedAsync();
        var chat = await WithNewMicroserviceAsync(db);
        var before = await chat.CountsAsync();

        var reply = await chat.SayAsync("amara", "approve REV-1 stage:2");

        Assert.True(reply.IsRefusal);
        Assert.StartsWith("REV-1 is at Stage 1 'Threat model & design review', not stage 2; nothing was recorded.", reply.Text, StringComparison.Ordinal);
        Assert.Equal(before, await chat.CountsAsync());
    }

    [Fact]
    public async Task A_reviewer_who_signed_no_earlier_stage_approves_without_naming_it()
    {
        await using var db = await TemporaryDatabase.MigratedAsync();
        var chat = await WithNewMicroserviceAsync(db);
        await chat.DoAsync("amara", "approve REV-1");

        await chat.DoAsync("priya", "approve REV-1");

        Assert.Contains((await chat.GateAsync(1)).CurrentSignOffs, s => (s.StageNumber, s.PersonId) == (2, "priya"));
    }

    [Fact]
    public async Task A_button_value_sent_before_stages_were_named_still_works()
    {
        await using var db = await TemporaryDatabase.MigratedAsync();
        var chat = await WithNewMicroserviceAsync(db);

        await chat.PressOkAsync("amara", ActionIds.Approve, "REV-1@1");

        Assert.Equal(2, (await chat.GateAsync(1)).StageNumber);
    }
}
