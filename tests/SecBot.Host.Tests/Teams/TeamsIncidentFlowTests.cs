using System.Net;
using System.Text.Json.Nodes;
using SecBot.Host.Tests.Support;
using SecBot.Testing.Teams;

namespace SecBot.Host.Tests.Teams;

public sealed class TeamsIncidentFlowTests
{
    [Fact]
    public async Task A_Teams_user_declares_the_on_call_person_gets_a_proactive_page_and_acknowledging_it_refreshes_the_card()
    {
        await using var teams = await TeamsHost.StartAsync();
        var declarer = teams.OffCallDeclarer();
        await teams.InstallEveryoneAsync();

        using var declared = await teams.PostAsync(teams.PersonalMessage(declarer, "declare Suspicious login"));

        Assert.Equal(HttpStatusCode.OK, declared.StatusCode);
        var paged = Assert.Single(await OnCallPolicy.PagedAsync(teams.Host.App.Services, 1, "L1"));
        var page = await teams.Connector.WaitForAsync(FakeBotConnector.Operation.Send, c => c.ConversationId == TeamsActivities.PersonalConversationOf(paged));
        var card = page.Json!["attachments"]![0]!["content"]!.AsObject();
        var verbs = TeamsCards.Actions(card).Select(a => (string?)a["verb"]).ToList();
        Assert.Equal(["incident.ack", "incident.escalate", "incident.resolve"], verbs);
        await teams.WaitForOutboxDrainedAsync();

        var ack = TeamsCards.Actions(card).Single(a => (string?)a["verb"] == "incident.ack");
        using var pressed = await teams.PostAsync(teams.Invoke(paged, page.ConversationId!, page.AnsweredId!, ack));

        Assert.Equal(HttpStatusCode.OK, pressed.StatusCode);
        var answer = JsonNode.Parse(await pressed.Content.ReadAsStringAsync())!;
        Assert.Equal(200, (int?)answer["statusCode"]);
        Assert.Equal("application/vnd.microsoft.card.adaptive", (string?)answer["type"]);
        Assert.Contains("acknowledged", answer["value"]!.ToJsonString(), StringComparison.OrdinalIgnoreCase);
        Assert.Equal(["incident.escalate", "incident.resolve"], TeamsCards.Actions(answer["value"]).Where(a => a["verb"] is not null).Select(a => (string?)a["verb"]).Distinct());
        var update = await teams.Connector.WaitForAsync(FakeBotConnector.Operation.Update, c => c.ActivityId == page.AnsweredId);
        Assert.Contains("acknowledged", update.Body, StringComparison.OrdinalIgnoreCase);
    }
}
