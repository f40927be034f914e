using System.Net;
using System.Text.Json.Nodes;
using SecBot.Chat.Cards;
using SecBot.Domain.Reviews;
using SecBot.Host.Tests.Support;
using SecBot.Storage.Delivery;
using SecBot.Storage.Reviews;
using SecBot.Testing.Slack;

namespace SecBot.Host.Tests.Slack;

/// <summary>
/// A reviewer who approves stage 1 and sits a seat in stage 2 is asked again in the same change, in the same DM. The
/// refresh that shows their stage-1 approval on their other copies must leave that new request alone (it was queued
/// with the change, so it already shows it): its Approve stays, and works.
/// </summary>
public sealed class SlackNextStageRequestTests
{
    [Fact]
    public async Task Approving_stage_one_keeps_the_same_reviewers_stage_two_request_live_and_its_Approve_signs_stage_two()
    {
        await using var slack = await SlackHost.StartAsync(fake =>
        {
            fake.DirectChannelPerUser = true;
            fake.UniqueTimestamps = true;
        });
        var services = slack.Host.App.Services;
        var review = ReseatedReview.From(services, slack.Now, p => p.SlackUserId.Length > 0);
        var dm = FakeSlackServer.DirectChannelOf(review.Reviewer.SlackUserId);
        using var opened = await slack.CommandAsync($"review {review.Type.Id} Payments API v2", userId: review.Requester.SlackUserId);
        Assert.Equal(HttpStatusCode.OK, opened.StatusCode);
        var (firstTs, firstApprove) = await RequestAsync(slack, dm, "REV-1@1/1/");

        using var pressed = await slack.ActionAsync(SlackPayloads.BlockActions(review.Reviewer.SlackUserId, ActionIds.Approve, firstApprove, dm, firstTs));

        Assert.Equal(HttpStatusCode.OK, pressed.StatusCode);
        var (secondTs, secondApprove) = await RequestAsync(slack, dm, "REV-1@1/2/");
        Assert.Equal(0, (await slack.WaitForOutboxDrainedAsync()).Dead);
        var recorded = await services.GetRequiredService<SentCardRepository>().ListAsync("slack", "REV-1", CancellationToken.None);
        Assert.Contains(recorded, c => c.ConversationId == dm && c.MessageId == secondTs && c.OutboxId is not null);
        Assert.Contains(slack.Slack.UpdatesIn(dm), u => u["ts"] == firstTs && u.Body.Contains($"Approved by {review.Reviewer.Name}", StringComparison.Ordinal));
        Assert.DoesNotContain(slack.Slack.UpdatesIn(dm), u => u["ts"] == secondTs);

        using var second = await slack.ActionAsync(SlackPayloads.BlockActions(review.Reviewer.SlackUserId, ActionIds.Approve, secondApprove, dm, secondTs, "1548426417.840190"));

        Assert.Equal(HttpStatusCode.OK, second.StatusCode);
        await slack.Slack.WaitForAsync("chat.update", u => u["ts"] == secondTs);
        var gate = await services.GetRequiredService<GateRepository>().LoadAsync(1, CancellationToken.None);
        Assert.Equal(
            [(1, review.Seat.Id, review.Reviewer.Id), (2, review.Seat.Id, review.Reviewer.Id)],
            gate!.SignOffs.Where(s => s.Decision == SignOffDecision.Approve).Select(s => (s.StageNumber, s.SeatId, s.PersonId)));
    }

    /// <summary>The review request posted to <paramref name="dm"/> with an Approve whose value starts with <paramref name="valuePrefix"/>: its ts, and that value.</summary>
    private static async Task<(string Ts, string Approve)> RequestAsync(SlackHost slack, string dm, string valuePrefix)
    {
        var post = await slack.Slack.WaitForAsync("chat.postMessage", c => c["channel"] == dm && ApproveIn(c, valuePrefix) is not null);
        return (slack.Slack.PostedTs(post)!, ApproveIn(post, valuePrefix)!);
    }

    private static string? ApproveIn(RecordedCall call, string valuePrefix) =>
        (call.Json?["blocks"]?.AsArray() ?? []).Where(b => (string?)b!["type"] == "actions").SelectMany(b => b!["elements"]!.AsArray())
            .Where(e => (string?)e!["action_id"] == ActionIds.Approve).Select(e => (string?)e!["value"] ?? "")
            .FirstOrDefault(v => v.StartsWith(valuePrefix, StringComparison.Ordinal));
}
