using System.Net;
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
        // The refresh's first updates fail (Slack briefly down), so it runs again after the stage-2 request is out and
        // recorded: the order in which a refresh could overwrite it.
        await using var slack = await SlackHost.StartAsync(
            fake =>
            {
                fake.DirectChannelPerUser = true;
                fake.UniqueTimestamps = true;
                fake.Script("chat.update", Unavailable(), Unavailable(), Unavailable());
            },
            "--SecBot:Slack:Resilience:MaxRetryAttempts=0", "--SecBot:Delivery:FirstBackoff=00:00:01");
        var services = slack.Host.App.Services;
        var review = ReseatedReview.From(services, slack.Now, p => p.SlackUserId.Length > 0);
        var dm = FakeSlackServer.DirectChannelOf(review.Reviewer.SlackUserId);
        using var opened = await slack.CommandAsync($"review {review.Type.Id} Payments API v2", userId: review.Requester.SlackUserId);
        Assert.Equal(HttpStatusCode.OK, opened.StatusCode);
        var (_, firstTs, firstApprove) = await SlackReviewRequests.RequestAsync(slack.Slack, dm, "REV-1@1/1/");

        // Pressed on a copy shared into a channel, so the request in the DM is one the refresh must update.
        using var pressed = await slack.ActionAsync(SlackPayloads.BlockActions(review.Reviewer.SlackUserId, ActionIds.Approve, firstApprove, "C0GENERAL", "1503435956.000301"));

        Assert.Equal(HttpStatusCode.OK, pressed.StatusCode);
        var (secondPost, secondTs, secondApprove) = await SlackReviewRequests.RequestAsync(slack.Slack, dm, "REV-1@1/2/");
        Assert.Equal(0, (await slack.WaitForOutboxDrainedAsync()).Dead);
        var recorded = await services.GetRequiredService<SentCardRepository>().ListAsync("slack", "REV-1", CancellationToken.None);
        Assert.Contains(recorded, c => c.ConversationId == dm && c.MessageId == secondTs && c.OutboxId is not null);
        var shown = slack.Slack.UpdatesIn(dm).Last(u => u["ts"] == firstTs);
        Assert.Contains($"Approved by {review.Reviewer.Name}", shown.Body, StringComparison.Ordinal);
        Assert.True(shown.At > secondPost.At, "the refresh ran again after the stage-2 request was out");
        Assert.DoesNotContain(slack.Slack.UpdatesIn(dm), u => u["ts"] == secondTs);

        using var second = await slack.ActionAsync(SlackPayloads.BlockActions(review.Reviewer.SlackUserId, ActionIds.Approve, secondApprove, dm, secondTs, "1548426417.840190"));

        Assert.Equal(HttpStatusCode.OK, second.StatusCode);
        await slack.Slack.WaitForAsync("chat.update", u => u["ts"] == secondTs);
        var gate = await services.GetRequiredService<GateRepository>().LoadAsync(1, CancellationToken.None);
        Assert.Equal(
            [(1, review.Seat.Id, review.Reviewer.Id), (2, review.Seat.Id, review.Reviewer.Id)],
            gate!.SignOffs.Where(s => s.Decision == SignOffDecision.Approve).Select(s => (s.StageNumber, s.SeatId, s.PersonId)));
    }

    private static FakeResponse Unavailable() => new(503, """{"ok":false,"error":"service_unavailable"}""");
}
