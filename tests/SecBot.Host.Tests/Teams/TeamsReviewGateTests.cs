using System.Net;
using System.Text.Json.Nodes;
using SecBot.Chat.Cards;
using SecBot.Domain.Reviews;
using SecBot.Domain.Roster;
using SecBot.Host.Tests.Slack;
using SecBot.Host.Tests.Support;
using SecBot.Storage.Delivery;
using SecBot.Storage.Ledger;
using SecBot.Testing.Slack;
using SecBot.Testing.Teams;

namespace SecBot.Host.Tests.Teams;

/// <summary>
/// Review gates driven from Teams cards over the real host: the request typed in a 1:1 chat, each pending reviewer's
/// proactive card, Approve pressed through <c>adaptiveCard/action</c> (with the checklist toggles where the type asks
/// for them), Reject with its reason typed into the card, the decision announced in the Teams incidents channel, and
/// the ledger's sign-offs marked as made on Teams. Reviewers come from the approval matrix, never by name.
/// </summary>
public sealed class TeamsReviewGateTests
{
    [Fact]
    public async Task A_gate_is_approved_stage_by_stage_from_Teams_cards_announced_in_the_incidents_channel_and_the_ledger_says_teams()
    {
        const string type = "new-microservice";
        await using var teams = await TeamsHost.StartAsync();
        var requester = await RequestGateAsync(teams, type, "Payments API v2");

        var stages = TeamsReviews.GateType(teams, type).Stages.Count;
        var signed = new List<(string Seat, Person Reviewer)>();
        for (var stage = 1; stage <= stages; stage++)
        {
            foreach (var (seat, reviewer) in TeamsReviews.Reviewers(teams, type, stage, requester))
            {
                var (card, approve) = await ReviewCardAsync(teams, reviewer, ActionIds.Approve, $"REV-1@1/{stage}/{seat.Id}");
                using var pressed = await teams.PostAsync(teams.Invoke(reviewer, card.ConversationId!, card.AnsweredId!, approve));

                Assert.Equal(HttpStatusCode.OK, pressed.StatusCode);
                var answer = JsonNode.Parse(await pressed.Content.ReadAsStringAsync())!;
                Assert.Equal("application/vnd.microsoft.card.adaptive", (string?)answer["type"]);
                Assert.Contains($"Approved by {reviewer.Name}", answer["value"]!.ToJsonString(), StringComparison.Ordinal);
                signed.Add((seat.Id, reviewer));
            }

            var gate = await TeamsReviews.LoadAsync(teams, 1);
            Assert.Equal(stage == stages ? GateState.Approved : GateState.Open, gate!.State);
            if (stage < stages) Assert.Equal(stage + 1, gate.StageNumber);
        }

        var announcement = await teams.Connector.WaitForAsync(
            FakeBotConnector.Operation.Send,
            c => c.ConversationId == TeamsHost.IncidentsChannel && c.Body.Contains("REV-1", StringComparison.Ordinal) && c.Body.Contains("approved", StringComparison.Ordinal));
        Assert.Contains(TeamsReviews.GateType(teams, type).ApprovedOutcome, announcement.Body, StringComparison.Ordinal);
        var ledger = (await TeamsReviews.LoadAsync(teams, 1))!.SignOffs;
        Assert.Equal(signed.Select(s => (s.Seat, s.Reviewer.Id)), ledger.Select(s => (s.SeatId, s.PersonId)));
        Assert.All(ledger, s => Assert.Equal(("teams", SignOffDecision.Approve), (s.Platform, s.Decision)));
    }

    [Fact]
    public async Task Approve_on_a_checklist_gate_sends_the_toggles_of_the_cards_ShowCard_and_the_ledger_keeps_the_attested_items()
    {
        const string type = "high-risk-deploy";
        await using var teams = await TeamsHost.StartAsync();
        var checklist = TeamsReviews.GateType(teams, type).Checklist;
        var requester = await RequestGateAsync(teams, type, "payments v2.3");

        foreach (var (seat, reviewer) in TeamsReviews.Reviewers(teams, type, 1, requester))
        {
            var (card, approve) = await ReviewCardAsync(teams, reviewer, ActionIds.Approve, $"REV-1@1/1/{seat.Id}");
            var toggles = TeamsCardJson.InputsFor(card, approve).Where(i => (string?)i["type"] == "Input.Toggle").ToList();
            Assert.Equal(checklist, toggles.Select(t => (string?)t["title"]));
            var attested = toggles.ToDictionary(t => (string)t["id"]!, t => (string)t["valueOn"]!);

            using var pressed = await teams.PostAsync(teams.Invoke(reviewer, card.ConversationId!, card.AnsweredId!, approve, attested));

            Assert.Equal(HttpStatusCode.OK, pressed.StatusCode);
            Assert.Contains($"Approved by {reviewer.Name}", await pressed.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        }

        var gate = await TeamsReviews.LoadAsync(teams, 1);
        Assert.Equal(GateState.Approved, gate!.State);
        Assert.All(gate.SignOffs, s => Assert.Equal(checklist, s.Checklist));
        Assert.All(gate.SignOffs, s => Assert.Equal("teams", s.Platform));
        await teams.Connector.WaitForAsync(
            FakeBotConnector.Operation.Send,
            c => c.ConversationId == TeamsHost.IncidentsChannel && c.Body.Contains("REV-1", StringComparison.Ordinal) && c.Body.Contains("approved", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Approve_on_a_checklist_gate_with_an_item_left_unticked_is_refused_and_changes_nothing()
    {
        await using var teams = await TeamsHost.StartAsync();
        var (reviewer, card, approve) = await FirstReviewCardAsync(teams, "high-risk-deploy", "payments v2.3", ActionIds.Approve);
        var toggles = TeamsCardJson.InputsFor(card, approve).Where(i => (string?)i["type"] == "Input.Toggle").ToList();
        var partly = toggles.Select((t, i) => (Id: (string)t["id"]!, Value: i == 0 ? (string)t["valueOff"]! : (string)t["valueOn"]!)).ToDictionary(t => t.Id, t => t.Value);

        using var pressed = await teams.PostAsync(teams.Invoke(reviewer, card.ConversationId!, card.AnsweredId!, approve, partly));

        Assert.Equal(HttpStatusCode.OK, pressed.StatusCode);
        var answer = JsonNode.Parse(await pressed.Content.ReadAsStringAsync())!;
        Assert.Equal("application/vnd.microsoft.activity.message", (string?)answer["type"]);
        Assert.Contains($"not attested: \"{(string?)toggles[0]["title"]}\"", (string?)answer["value"], StringComparison.Ordinal);
        Assert.Empty((await TeamsReviews.LoadAsync(teams, 1))!.SignOffs);
        Assert.DoesNotContain(await teams.LedgerAsync(), r => r.Kind == LedgerRecord.SignOffKind);
    }

    [Fact]
    public async Task Reject_with_a_reason_typed_into_the_card_requests_changes_with_that_reason()
    {
        await using var teams = await TeamsHost.StartAsync();
        var (reviewer, card, reject) = await FirstReviewCardAsync(teams, "new-microservice", "Payments API v2", ActionIds.Reject);
        var reason = Assert.Single(TeamsCardJson.InputsFor(card, reject));
        Assert.Equal("Input.Text", (string?)reason["type"]);
        Assert.True((bool?)reason["isRequired"]);

        using var pressed = await teams.PostAsync(teams.Invoke(
            reviewer, card.ConversationId!, card.AnsweredId!, reject, new Dictionary<string, string> { [(string)reason["id"]!] = "no threat model for the public endpoint" }));

        Assert.Equal(HttpStatusCode.OK, pressed.StatusCode);
        Assert.Equal("application/vnd.microsoft.card.adaptive", (string?)JsonNode.Parse(await pressed.Content.ReadAsStringAsync())!["type"]);
        var gate = await TeamsReviews.LoadAsync(teams, 1);
        Assert.Equal(GateState.ChangesRequested, gate!.State);
        var rejection = Assert.Single(gate.SignOffs);
        Assert.Equal((reviewer.Id, SignOffDecision.Reject, "no threat model for the public endpoint", "teams"), (rejection.PersonId, rejection.Decision, rejection.Comment, rejection.Platform));
        var announcement = await teams.Connector.WaitForAsync(
            FakeBotConnector.Operation.Send, c => c.ConversationId == TeamsHost.IncidentsChannel && c.Body.Contains("changes requested", StringComparison.Ordinal));
        Assert.Contains("no threat model for the public endpoint", announcement.Body, StringComparison.Ordinal);
        Assert.Contains("REV-1", announcement.Body, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Reject_without_the_required_reason_is_refused_with_a_message_and_changes_nothing()
    {
        await using var teams = await TeamsHost.StartAsync();
        var (reviewer, card, reject) = await FirstReviewCardAsync(teams, "new-microservice", "Payments API v2", ActionIds.Reject);
        await teams.WaitForOutboxDrainedAsync();
        var updatesBefore = teams.Connector.CallsTo(FakeBotConnector.Operation.Update).Count;

        using var pressed = await teams.PostAsync(teams.Invoke(reviewer, card.ConversationId!, card.AnsweredId!, reject));

        Assert.Equal(HttpStatusCode.OK, pressed.StatusCode);
        var answer = JsonNode.Parse(await pressed.Content.ReadAsStringAsync())!;
        Assert.Equal("application/vnd.microsoft.activity.message", (string?)answer["type"]);
        Assert.Contains("reason", (string?)answer["value"], StringComparison.OrdinalIgnoreCase);
        var gate = await TeamsReviews.LoadAsync(teams, 1);
        Assert.Equal((GateState.Open, 1), (gate!.State, gate.StageNumber));
        Assert.Empty(gate.SignOffs);
        await teams.WaitForOutboxDrainedAsync();
        Assert.Equal(updatesBefore, teams.Connector.CallsTo(FakeBotConnector.Operation.Update).Count);
        Assert.DoesNotContain(teams.Connector.CallsTo(FakeBotConnector.Operation.Send), c => c.ConversationId == TeamsHost.IncidentsChannel && c.Body.Contains("changes requested", StringComparison.Ordinal));
    }

    [Fact]
    public async Task A_reviewer_who_approves_stage_one_on_Slack_keeps_their_Teams_stage_two_request_live_and_its_Approve_signs_stage_two()
    {
        await using var teams = await TeamsHost.StartAsync(withSlack: true, "--SecBot:Teams:Resilience:MaxRetryAttempts=0", "--SecBot:Delivery:FirstBackoff=00:00:01");
        var slack = teams.Slack!;
        slack.DirectChannelPerUser = true;
        slack.UniqueTimestamps = true;
        var review = ReseatedReview.From(teams.Host.App.Services, teams.Now, p => p.TeamsUserId.Length > 0 && p.SlackUserId.Length > 0);
        var personal = TeamsActivities.PersonalConversationOf(review.Reviewer);
        // The Teams refresh's first updates fail (Teams briefly down), so it runs again after the stage-2 request is out
        // and recorded: the order in which a refresh could overwrite it.
        teams.Connector.ScriptIn(personal, FakeBotConnector.Operation.Update, BadGateway(), BadGateway());
        await teams.InstallEveryoneAsync();
        using var requested = await teams.PostAsync(teams.PersonalMessage(review.Requester, $"review {review.Type.Id} Payments API v2"));
        Assert.Equal(HttpStatusCode.OK, requested.StatusCode);
        var (first, _) = await ReviewCardAsync(teams, review.Reviewer, ActionIds.Approve, $"REV-1@1/1/{review.Seat.Id}");
        var dm = FakeSlackServer.DirectChannelOf(review.Reviewer.SlackUserId);
        var (_, slackTs, slackApprove) = await SlackReviewRequests.RequestAsync(slack, dm, $"REV-1@1/1/{review.Seat.Id}");

        // Approved on Slack: the Teams copy of the stage-1 request is one the refresh must update.
        using var pressed = await SlackHost.ActionAsync(teams.Host.Http, teams.Now, SlackPayloads.BlockActions(review.Reviewer.SlackUserId, ActionIds.Approve, slackApprove, dm, slackTs));

        Assert.Equal(HttpStatusCode.OK, pressed.StatusCode);
        var (second, secondApprove) = await ReviewCardAsync(teams, review.Reviewer, ActionIds.Approve, $"REV-1@1/2/{review.Seat.Id}");
        Assert.Equal(0, (await teams.WaitForOutboxDrainedAsync()).Dead);
        var recorded = await teams.Host.App.Services.GetRequiredService<SentCardRepository>().ListAsync("teams", "REV-1", CancellationToken.None);
        Assert.Contains(recorded, c => c.MessageId == second.AnsweredId && c.OutboxId is not null);
        var updates = teams.Connector.CallsTo(FakeBotConnector.Operation.Update);
        var shown = updates.Last(u => u.ActivityId == first.AnsweredId);
        Assert.Contains($"Approved by {review.Reviewer.Name}", shown.Body, StringComparison.Ordinal);
        Assert.True(shown.At > second.At, "the refresh ran again after the stage-2 request was out");
        Assert.DoesNotContain(updates, u => u.ActivityId == second.AnsweredId);

        using var signed = await teams.PostAsync(teams.Invoke(review.Reviewer, second.ConversationId!, second.AnsweredId!, secondApprove));

        Assert.Equal(HttpStatusCode.OK, signed.StatusCode);
        Assert.Contains($"Approved by {review.Reviewer.Name}", await signed.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        var gate = await TeamsReviews.LoadAsync(teams, 1);
        Assert.Equal(
            [(1, review.Seat.Id, review.Reviewer.Id), (2, review.Seat.Id, review.Reviewer.Id)],
            gate!.SignOffs.Where(s => s.Decision == SignOffDecision.Approve).Select(s => (s.StageNumber, s.SeatId, s.PersonId)));
    }

    private static FakeBotConnector.Answer BadGateway() => FakeBotConnector.Answer.Error(502, "BadGateway", "The bot service is briefly unavailable");

    /// <summary>
    /// Everyone installs the bot, and the requester the matrix allows for <paramref name="type"/> types <c>review</c> in
    /// their 1:1 chat, answered 200.
    /// </summary>
    private static async Task<Person> RequestGateAsync(TeamsHost teams, string type, string title)
    {
        await teams.InstallEveryoneAsync();
        var requester = TeamsReviews.Requester(teams, type);
        using var requested = await teams.PostAsync(teams.PersonalMessage(requester, $"review {type} {title}"));
        Assert.Equal(HttpStatusCode.OK, requested.StatusCode);
        return requester;
    }

    /// <summary>A gate of <paramref name="type"/> requested (REV-1), and its first stage-1 reviewer's card with the button for <paramref name="action"/>.</summary>
    private static async Task<(Person Reviewer, FakeBotConnector.Call Card, JsonObject Button)> FirstReviewCardAsync(TeamsHost teams, string type, string title, string action)
    {
        var requester = await RequestGateAsync(teams, type, title);
        var (seat, reviewer) = TeamsReviews.Reviewers(teams, type, 1, requester)[0];
        var (card, button) = await ReviewCardAsync(teams, reviewer, action, $"REV-1@1/1/{seat.Id}");
        return (reviewer, card, button);
    }

    /// <summary>The review card sent to <paramref name="reviewer"/>'s 1:1 chat for a seat, and its button for <paramref name="action"/>.</summary>
    private static async Task<(FakeBotConnector.Call Card, JsonObject Button)> ReviewCardAsync(TeamsHost teams, Person reviewer, string action, string valuePrefix)
    {
        var card = await teams.Connector.WaitForAsync(
            FakeBotConnector.Operation.Send,
            c => c.ConversationId == TeamsActivities.PersonalConversationOf(reviewer) && TeamsCardJson.Button(c, action, valuePrefix) is not null);
        return (card, TeamsCardJson.Button(card, action, valuePrefix)!);
    }
}
