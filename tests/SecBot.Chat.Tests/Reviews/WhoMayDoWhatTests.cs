using SecBot.Domain.Reviews;
using SecBot.Storage.Tests.Support;

namespace SecBot.Chat.Tests.Reviews;

/// <summary>
/// Who may do what, typed: <c>comment</c> and <c>object</c> exist on every platform, <c>resubmit</c> needs changes
/// requested, and <c>override</c> is for a seat nobody eligible can sign (or one unsigned at the manager notice).
/// </summary>
public sealed class WhoMayDoWhatTests
{
    [Fact]
    public async Task An_optional_reviewer_comments_and_objects_by_text_and_the_requester_is_told_each_time()
    {
        await using var db = await TemporaryDatabase.MigratedAsync();
        var chat = await ReviewHarness.StartAsync(db);
        await chat.DoAsync("kenji", "review security-tool Falco");
        var last = await chat.LastOutboxIdAsync();

        await chat.DoAsync("leo", "comment REV-1 scan the container image too");
        await chat.DoAsync("priya", "object REV-1 no runbook for when the agent crashes");

        var gate = await chat.GateAsync(1);
        Assert.Equal(
            [("leo", SignOffDecision.Comment, true), ("priya", SignOffDecision.Object, true)],
            gate.CurrentSignOffs.Select(s => (s.PersonId, s.Decision, s.IsOptionalSeat)));
        Assert.Equal(GateState.Open, gate.State);
        var told = (await chat.OutboxAfterAsync(last)).Where(m => m.IsDirectTo("kenji")).Select(m => m.Text).ToList();
        Assert.Contains(told, t => t.Contains("commented — scan the container image too", StringComparison.Ordinal));
        Assert.Contains(told, t => t.Contains("objects — no runbook for when the agent crashes", StringComparison.Ordinal));
    }

    [Fact]
    public async Task A_required_reviewer_comments_by_text_but_objecting_is_for_optional_reviewers()
    {
        await using var db = await TemporaryDatabase.MigratedAsync();
        var chat = await ReviewHarness.StartAsync(db);
        await chat.DoAsync("kenji", "review security-tool Falco");

        await chat.DoAsync("amara", "comment REV-1 which rules ship by default?");
        var objection = await chat.SayAsync("amara", "object REV-1 I do not like it");

        Assert.True(objection.IsRefusal);
        Assert.StartsWith("Only optional reviewers of REV-1", objection.Text, StringComparison.Ordinal);
        var signOff = Assert.Single((await chat.GateAsync(1)).CurrentSignOffs);
        Assert.Equal(("SecArch", SignOffDecision.Comment, false), (signOff.SeatId, signOff.Decision, signOff.IsOptionalSeat));
    }

    [Fact]
    public async Task Resubmitting_a_gate_without_changes_requested_is_refused_and_nobody_is_asked_again()
    {
        await using var db = await TemporaryDatabase.MigratedAsync();
        var chat = await ReviewHarness.StartAsync(db);
        await chat.DoAsync("diego", "review new-microservice Payments API v2");
        var before = await chat.CountsAsync();

        var reply = await chat.SayAsync("diego", "resubmit REV-1 tweaked");

        Assert.True(reply.IsRefusal);
        Assert.StartsWith("REV-1 has no changes requested", reply.Text, StringComparison.Ordinal);
        Assert.Equal(before, await chat.CountsAsync());
    }

    [Fact]
    public async Task An_override_minutes_after_the_gate_opened_is_refused_naming_who_can_sign_then_allowed_at_the_manager_notice()
    {
        await using var db = await TemporaryDatabase.MigratedAsync();
        var chat = await ReviewHarness.StartAsync(db);
        await chat.DoAsync("diego", "review new-microservice Payments API v2");
        chat.Time.Advance(TimeSpan.FromMinutes(10));
        var before = await chat.CountsAsync();

        var early = await chat.SayAsync("raj", "override REV-1 SecArch architect is on holiday");

        Assert.True(early.IsRefusal);
        Assert.Contains("can still be signed by Amara Osei", early.Text, StringComparison.Ordinal);
        Assert.Equal(before, await chat.CountsAsync());

        chat.Time.Advance(TimeSpan.FromDays(3));
        await chat.DoAsync("raj", "override REV-1 SecArch architect is on holiday");
        Assert.Equal(SignOffDecision.Override, Assert.Single((await chat.GateAsync(1)).CurrentSignOffs).Decision);
    }
}
