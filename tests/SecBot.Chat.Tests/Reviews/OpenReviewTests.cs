using SecBot.Chat.Cards;
using SecBot.Chat.Conversation;
using SecBot.Chat.Delivery;
using SecBot.Chat.Tests.Support;
using SecBot.Domain.Reviews;
using SecBot.Storage.Tests.Support;

namespace SecBot.Chat.Tests.Reviews;

/// <summary><c>review &lt;type&gt; &lt;title&gt;</c> and <c>request tool &lt;title&gt;</c> through the router, over the real store.</summary>
public sealed class OpenReviewTests
{
    [Fact]
    public async Task Opening_a_review_sends_each_pending_required_reviewer_a_direct_message_with_approve_and_reject()
    {
        await using var db = await TemporaryDatabase.MigratedAsync();
        var chat = await ReviewHarness.StartAsync(db);

        var reply = await chat.DoAsync("diego", "review high-risk-deploy Payments API v2");

        Assert.StartsWith("REV-1 opened (high-risk-deploy): asked ", reply.Text, StringComparison.Ordinal);
        var gate = await chat.GateAsync(1);
        Assert.Equal(("high-risk-deploy", "Payments API v2", "diego", GateState.Open, 1, 1), (gate.Type, gate.Title, gate.RequestedBy, gate.State, gate.Revision, gate.StageNumber));
        Assert.Equal(ReviewHarness.Platform, gate.RequestedVia);

        var outbox = await chat.OutboxAsync();
        Assert.Equal(
            new[] { "amara", "hannah", "leo", "maya", "priya", "sam" },
            outbox.Select(m => m.Message.To.Id).Order(StringComparer.Ordinal));
        Assert.All(outbox, m =>
        {
            Assert.Equal(RecipientKind.Person, m.Message.To.Kind);
            Assert.Equal("REV-1", m.Message.Subject);
            Assert.Equal("REV-1: Payments API v2", m.Message.Card.Title);
            var seat = m.Message.Card.Buttons[0].Value["REV-1@1/1/".Length..];
            Assert.Contains(seat, new[] { "SecArch", "RedTeam", "SOC", "IRLead" });
            Assert.Equal([ActionIds.Approve, ActionIds.Reject, ActionIds.Comment], m.Message.Card.Buttons.Select(b => b.ActionId));
            Assert.All(m.Message.Card.Buttons, b => Assert.Equal($"REV-1@1/1/{seat}", b.Value));
        });

        // Two review timers per stage: the reminder and the manager notice.
        Assert.Equal(2, (await chat.Store.TimersAsync()).Count(t => t.Kind == ReviewTimer.Kind));
    }

    [Fact]
    public async Task The_request_names_the_seat_and_its_approve_button_asks_for_the_checklist_and_reject_for_a_reason()
    {
        await using var db = await TemporaryDatabase.MigratedAsync();
        var chat = await ReviewHarness.StartAsync(db);
        await chat.DoAsync("diego", "review high-risk-deploy Payments API v2");

        var request = Assert.Single(await chat.OutboxAsync(), m => m.IsDirectTo("amara")).Message.Card;

        Assert.Contains("Diego Alvarez asks you to review REV-1 as Security Architecture at Stage 1 'Cross-team sign-off'", request.Text, StringComparison.Ordinal);
        var approve = request.Buttons.Single(b => b.ActionId == ActionIds.Approve);
        var checklist = approve.Asks.Single(i => i.Id == ActionIds.Inputs.Checklist);
        Assert.Equal(CardInputKind.Checkboxes, checklist.Kind);
        Assert.True(checklist.Required);
        Assert.Equal(["Security controls", "Monitoring coverage", "Incident response"], checklist.Options);
        var reject = request.Buttons.Single(b => b.ActionId == ActionIds.Reject);
        var reason = Assert.Single(reject.Asks);
        Assert.Equal((ActionIds.Inputs.Reason, true), (reason.Id, reason.Required));
        Assert.Equal(ButtonStyle.Danger, reject.Style);
    }

    [Fact]
    public async Task A_type_without_a_checklist_asks_only_for_an_optional_comment_and_optional_reviewers_get_an_fyi()
    {
        await using var db = await TemporaryDatabase.MigratedAsync();
        var chat = await ReviewHarness.StartAsync(db);

        await chat.DoAsync("diego", "review detection-rules New CloudTrail rules");

        var outbox = await chat.OutboxAsync();
        Assert.Equal(new[] { "amara", "hannah", "leo", "maya", "priya", "sam" }, outbox.Select(m => m.Message.To.Id).Order(StringComparer.Ordinal));
        var required = outbox.Single(m => m.IsDirectTo("sam")).Message.Card;
        Assert.DoesNotContain(required.Buttons.SelectMany(b => b.Asks), i => i.Kind == CardInputKind.Checkboxes);
        var optional = outbox.Single(m => m.IsDirectTo("amara")).Message.Card;
        Assert.StartsWith("For your information: you are an optional reviewer of REV-1 (Security Architecture)", optional.Text, StringComparison.Ordinal);
        Assert.Equal([ActionIds.Approve, ActionIds.Comment, ActionIds.Object], optional.Buttons.Select(b => b.ActionId));
    }

    [Fact]
    public async Task The_requester_is_never_asked_to_review_their_own_gate()
    {
        await using var db = await TemporaryDatabase.MigratedAsync();
        var chat = await ReviewHarness.StartAsync(db);

        await chat.DoAsync("sam", "review detection-rules Tune impossible-travel rule");

        var outbox = await chat.OutboxAsync();
        Assert.DoesNotContain(outbox, m => m.IsDirectTo("sam"));
        Assert.Contains(outbox, m => m.IsDirectTo("maya"));
    }

    [Fact]
    public async Task A_tool_request_opens_a_tool_request_gate_for_the_SecEng_manager()
    {
        await using var db = await TemporaryDatabase.MigratedAsync();
        var chat = await ReviewHarness.StartAsync(db);

        var reply = await chat.DoAsync("maya", "request tool Osquery fleet manager");

        Assert.StartsWith("REV-1 opened (tool-request): asked Raj Iyer (Security Engineering Manager).", reply.Text, StringComparison.Ordinal);
        var gate = await chat.GateAsync(1);
        Assert.Equal(("tool-request", "Osquery fleet manager", "maya"), (gate.Type, gate.Title, gate.RequestedBy));
        var request = Assert.Single(await chat.OutboxAsync());
        Assert.True(request.IsDirectTo("raj"));
        Assert.Equal([ActionIds.Approve, ActionIds.Reject, ActionIds.Comment], request.Message.Card.Buttons.Select(b => b.ActionId));
    }

    [Fact]
    public async Task An_unknown_gate_type_is_refused_with_the_usage_and_changes_nothing()
    {
        await using var db = await TemporaryDatabase.MigratedAsync();
        var chat = await ReviewHarness.StartAsync(db);

        var reply = await chat.SayAsync("diego", "review pizza-order Friday lunch");

        Assert.True(reply.IsRefusal);
        Assert.Equal(ReplyVisibility.Private, reply.Visibility);
        Assert.Contains("review <gate-type> <title>", reply.Text, StringComparison.Ordinal);
        Assert.Equal((0L, 0L, 0L, 0L, 0L), await chat.CountsAsync());
    }
}
