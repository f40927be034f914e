using SecBot.Chat.Cards;
using SecBot.Chat.Conversation;
using SecBot.Storage.Tests.Support;

namespace SecBot.Chat.Tests.Reviews;

/// <summary><c>status REV-n</c> and <c>reviews</c>: read-only answers about gates.</summary>
public sealed class ReviewStatusTests
{
    [Fact]
    public async Task Status_shows_each_seat_signed_or_pending_with_who_is_asked_and_the_timeline()
    {
        await using var db = await TemporaryDatabase.MigratedAsync();
        var chat = await ReviewHarness.StartAsync(db);
        await chat.DoAsync("diego", "review high-risk-deploy Payments API v2");
        await chat.PressOkAsync("amara", ActionIds.Approve, "REV-1@1", ReviewHarness.FullChecklist);
        var before = await chat.CountsAsync();

        var reply = await chat.DoAsync("kenji", "status REV-1");

        Assert.Equal("REV-1 is open.", reply.Text);
        Assert.Equal(ReplyVisibility.Private, reply.Visibility);
        var stage = reply.Card!.Facts.Single(f => f.Label == "Stage 1 'Cross-team sign-off'").Value;
        Assert.Contains("Security Architecture: approved by Amara Osei (Security Architect)", stage, StringComparison.Ordinal);
        Assert.Contains("attested Security controls, Monitoring coverage, Incident response", stage, StringComparison.Ordinal);
        Assert.Contains("Red Team: pending (Leo Novak, Hannah Weber)", stage, StringComparison.Ordinal);
        Assert.Contains("UTC · High-risk-deploy review opened by Diego Alvarez", reply.Card.Text, StringComparison.Ordinal);
        Assert.Equal(before, await chat.CountsAsync());
    }

    [Fact]
    public async Task Status_marks_objections_and_stale_sign_offs()
    {
        await using var db = await TemporaryDatabase.MigratedAsync();
        var chat = await ReviewHarness.StartAsync(db);
        await chat.DoAsync("diego", "review detection-rules New CloudTrail rules");
        await chat.PressOkAsync("leo", ActionIds.Approve, "REV-1@1");
        await chat.DoAsync("maya", "reject REV-1 Too noisy");
        await chat.DoAsync("diego", "resubmit REV-1 Thresholds raised");
        await chat.PressOkAsync("amara", ActionIds.Object, "REV-1@2", (ActionIds.Inputs.Reason, "Rule 4 still floods"));

        var card = (await chat.DoAsync("diego", "status REV-1")).Card!;

        Assert.Equal("2 (sign-offs of earlier revisions are stale)", card.Facts.Single(f => f.Label == "Revision").Value);
        var stale = card.Facts.Single(f => f.Label.StartsWith("STALE", StringComparison.Ordinal)).Value;
        Assert.Contains("rev 1: Leo Novak approved Red Team", stale, StringComparison.Ordinal);
        Assert.Contains("rev 1: Maya Chen requested changes on SOC", stale, StringComparison.Ordinal);
        Assert.Contains("Amara Osei (Security Architecture)", card.Facts.Single(f => f.Label.StartsWith("OBJECTIONS", StringComparison.Ordinal)).Value, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Status_of_a_gate_that_does_not_exist_is_refused()
    {
        await using var db = await TemporaryDatabase.MigratedAsync();
        var chat = await ReviewHarness.StartAsync(db);

        var reply = await chat.SayAsync("diego", "status REV-4");

        Assert.True(reply.IsRefusal);
        Assert.StartsWith("There is no REV-4.", reply.Text, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Reviews_lists_the_gates_waiting_on_the_caller_only()
    {
        await using var db = await TemporaryDatabase.MigratedAsync();
        var chat = await ReviewHarness.StartAsync(db);
        await chat.DoAsync("diego", "review detection-rules New CloudTrail rules");
        await chat.DoAsync("diego", "review high-risk-deploy Payments API v2");
        await chat.DoAsync("maya", "request tool Osquery fleet manager");
        await chat.PressOkAsync("sam", ActionIds.Approve, "REV-1@1");
        chat.Time.Advance(TimeSpan.FromHours(2));

        var maya = await chat.DoAsync("maya", "reviews");
        var raj = await chat.DoAsync("raj", "reviews");
        var kenji = await chat.DoAsync("kenji", "reviews");

        Assert.Equal(["REV-2"], maya.Card!.Facts.Select(f => f.Label));
        Assert.Equal(
            "Payments API v2 — High-risk service deployment, Stage 1 'Cross-team sign-off': sign SOC; "
            + "requested by Diego Alvarez, waiting 2 hours (since Mon 2 Mar 09:00 UTC); type: approve REV-2 stage:1 [comment]",
            maya.Card.Facts[0].Value);
        Assert.StartsWith("1 review waiting on your sign-off:", maya.Text, StringComparison.Ordinal);
        Assert.Equal(["REV-3"], raj.Card!.Facts.Select(f => f.Label));
        Assert.Equal("Nothing is waiting on you: no review needs your sign-off.", kenji.Text);
    }

    [Fact]
    public async Task Reviews_reminds_a_requester_of_their_gates_waiting_on_a_resubmission()
    {
        await using var db = await TemporaryDatabase.MigratedAsync();
        var chat = await ReviewHarness.StartAsync(db);
        await chat.DoAsync("maya", "request tool Osquery fleet manager");
        await chat.DoAsync("raj", "reject REV-1 Which team runs it?");

        var reply = await chat.DoAsync("maya", "reviews");

        var fact = Assert.Single(reply.Card!.Facts);
        Assert.Equal("REV-1", fact.Label);
        Assert.Contains("changes requested: Which team runs it?; when it is fixed: resubmit REV-1 [note]", fact.Value, StringComparison.Ordinal);
    }
}
