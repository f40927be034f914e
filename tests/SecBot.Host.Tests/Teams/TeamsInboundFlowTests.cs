using SecBot.Domain.Incidents;
using System.Net;
using System.Text.Json.Nodes;
using Dapper;
using SecBot.Host.Tests.Support;
using SecBot.Storage;
using SecBot.Teams.Endpoints;
using SecBot.Testing.Teams;
using static SecBot.Testing.Teams.FakeBotConnector;

namespace SecBot.Host.Tests.Teams;

/// <summary>
/// The inbound edges of a Teams conversation over HTTP against the real host: redelivered activities and invokes, a
/// channel @mention, and the legacy <c>Action.Submit</c> of clients without Universal Actions.
/// </summary>
public sealed class TeamsInboundFlowTests
{
    [Fact]
    public async Task The_same_message_activity_delivered_twice_declares_one_incident_and_pages_once_also_after_a_restart()
    {
        await using var teams = await TeamsHost.StartAsync();
        foreach (var person in teams.PeopleOnTeams) await teams.InstallAsync(person);

        // Not someone on call: their own answer would land in the same chat as the page and be counted with it.
        var declare = teams.PersonalMessage(teams.OffCallDeclarer(), "declare Suspicious login");

        using var first = await teams.PostAsync(declare);
        var paged = Assert.Single(await OnCallPolicy.PagedAsync(teams.Host.App.Services, 1, "L1"));
        await teams.Connector.WaitForAsync(Operation.Send, c => IsPageOf(c, paged));
        await teams.WaitForOutboxDrainedAsync();
        var outboxAfterFirst = (await teams.OutboxEntriesAsync()).Count;
        var callsAfterFirst = teams.Connector.Calls.Count;

        using var again = await teams.PostAsync(declare);
        await teams.RestartAsync();
        using var afterRestart = await teams.PostAsync(declare);
        await teams.WaitForOutboxDrainedAsync();

        Assert.Equal(HttpStatusCode.OK, first.StatusCode);
        Assert.Equal(HttpStatusCode.OK, again.StatusCode);
        Assert.Equal(HttpStatusCode.OK, afterRestart.StatusCode);
        Assert.Single(await teams.IncidentsAsync());
        Assert.Single((await teams.IncidentsAsync()).SelectMany(i => i.Pages));
        Assert.Equal(outboxAfterFirst, (await teams.OutboxEntriesAsync()).Count);
        Assert.Equal(callsAfterFirst, teams.Connector.Calls.Count);
        Assert.Single(teams.Connector.CallsTo(Operation.Send), c => IsPageOf(c, paged));
    }

    [Fact]
    public async Task The_same_message_activity_delivered_twice_at_once_declares_one_incident()
    {
        await using var teams = await TeamsHost.StartAsync();
        var person = teams.PeopleOnTeams[0];
        await teams.InstallAsync(person);
        var declare = teams.PersonalMessage(person, "declare Suspicious login");

        var responses = await Task.WhenAll(teams.PostAsync(declare), teams.PostAsync(declare));

        Assert.All(responses, r => Assert.Equal(HttpStatusCode.OK, r.StatusCode));
        foreach (var response in responses) response.Dispose();
        Assert.Single(await teams.IncidentsAsync());
        Assert.Single(await teams.InboundKeysAsync(), k => k.Source == "teams.activity");
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public async Task The_same_invoke_delivered_twice_acknowledges_once_and_the_other_is_told_it_was_already_taken(bool atOnce)
    {
        await using var teams = await TeamsHost.StartAsync();
        var page = await teams.DeclareAndWaitForPageAsync("Suspicious login");
        var eventsBefore = (await teams.IncidentEventsAsync()).Count;
        var press = teams.Invoke(page.Paged, page.ConversationId, page.ActivityId, page.Button("incident.ack"));

        HttpResponseMessage[] responses = atOnce
            ? await Task.WhenAll(teams.PostAsync(press), teams.PostAsync(press))
            : [await teams.PostAsync(press), await teams.PostAsync(press)];
        await teams.Connector.WaitForAsync(Operation.Update, c => c.ActivityId == page.ActivityId);
        await teams.WaitForOutboxDrainedAsync();

        Assert.All(responses, r => Assert.Equal(HttpStatusCode.OK, r.StatusCode));
        var answers = new List<JsonNode>();
        foreach (var response in responses)
        {
            answers.Add(JsonNode.Parse(await response.Content.ReadAsStringAsync())!);
            response.Dispose();
        }

        var card = Assert.Single(answers, a => (string?)a["type"] == "application/vnd.microsoft.card.adaptive");
        Assert.Contains("acknowledged", card["value"]!.ToJsonString(), StringComparison.OrdinalIgnoreCase);
        var already = Assert.Single(answers, a => (string?)a["type"] == "application/vnd.microsoft.activity.message");
        Assert.Equal(TeamsMessagesEndpoint.AlreadyHandled, (string?)already["value"]);
        Assert.Single(await teams.IncidentsAsync(), i => i.State == IncidentState.Acknowledged);
        var events = (await teams.IncidentEventsAsync()).Count;
        Assert.True(events > eventsBefore, "acknowledging is on the timeline");
        Assert.Single(await teams.IncidentEventsAsync(), e => e.Kind == "acknowledged");
    }

    private static bool IsPageOf(Call call, Domain.Roster.Person paged) =>
        call.ConversationId == TeamsActivities.PersonalConversationOf(paged) && call.Body.Contains("incident.ack", StringComparison.Ordinal);

    [Fact]
    public async Task A_channel_message_mentioning_the_bot_runs_the_command_without_the_mention_and_answers_in_the_thread()
    {
        await using var teams = await TeamsHost.StartAsync();
        var person = teams.PeopleOnTeams[0];
        await teams.InstallAsync(person);
        var mention = teams.ChannelMention(person, "declare Phishing wave");
        Assert.Contains("<at>", (string?)mention["text"], StringComparison.Ordinal);

        using var response = await teams.PostAsync(mention);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var title = (await teams.IncidentAsync(1)).Title;
        Assert.Equal("Phishing wave", title);
        var thread = TeamsActivities.ChannelThread;
        Assert.Contains(";messageid=", thread, StringComparison.Ordinal);
        var answer = await teams.Connector.WaitForAsync(Operation.Send, c => c.ConversationId == thread);
        Assert.Contains("INC-1", answer.Body, StringComparison.Ordinal);
        Assert.StartsWith($"/amer/{TeamsHost.TenantId}/v3/conversations/", answer.RawPath, StringComparison.Ordinal);
        Assert.Contains("%3Bmessageid%3D", answer.RawPath, StringComparison.OrdinalIgnoreCase);
    }

    [Theory]
    [InlineData("help", "declare")]
    [InlineData("frobnicate the logs", "help")]
    public async Task A_private_answer_to_a_channel_message_goes_to_the_persons_1_1_chat_not_the_channel(string command, string expected)
    {
        await using var teams = await TeamsHost.StartAsync();
        var person = teams.PeopleOnTeams[0];
        await teams.InstallAsync(person);

        using var response = await teams.PostAsync(teams.ChannelMention(person, command));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var answer = await teams.Connector.WaitForAsync(Operation.Send, c => c.ConversationId == TeamsActivities.PersonalConversationOf(person));
        Assert.Contains(expected, answer.Body, StringComparison.Ordinal);
        await teams.WaitForOutboxDrainedAsync();
        Assert.DoesNotContain(teams.Connector.Calls, c => c.ConversationId == TeamsActivities.ChannelThread);
        Assert.Empty(teams.Connector.CallsTo(Operation.CreateConversation));
        Assert.Empty(await teams.IncidentsAsync());
    }

    [Fact]
    public async Task A_private_answer_to_someone_known_only_from_the_channel_opens_their_1_1_chat_first()
    {
        await using var teams = await TeamsHost.StartAsync();
        var person = teams.PeopleOnTeams[0];

        using var response = await teams.PostAsync(teams.ChannelMention(person, "help"));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var created = (await teams.Connector.WaitForAsync(Operation.CreateConversation))[0];
        Assert.Equal(TeamsActivities.UserIdOf(person), (string?)created.Json!["members"]![0]!["id"]);
        var answer = await teams.Connector.WaitForAsync(Operation.Send, c => c.ConversationId == created.AnsweredId);
        Assert.Contains("declare", answer.Body, StringComparison.Ordinal);
        await teams.WaitForOutboxDrainedAsync();
        Assert.DoesNotContain(teams.Connector.Calls, c => c.ConversationId == TeamsActivities.ChannelThread);
    }

    [Fact]
    public async Task A_legacy_Action_Submit_of_a_page_button_acknowledges_and_updates_the_card_in_place()
    {
        await using var teams = await TeamsHost.StartAsync();
        var page = await teams.DeclareAndWaitForPageAsync("Suspicious login");
        var submit = teams.ActionSubmit(page.Paged, page.ConversationId, page.ActivityId, page.Button("incident.ack"));

        using var response = await teams.PostAsync(submit);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Single(await teams.IncidentsAsync(), i => i.State == IncidentState.Acknowledged);
        var update = await teams.Connector.WaitForAsync(Operation.Update, c => c.ActivityId == page.ActivityId);
        Assert.Equal(page.ConversationId, update.ConversationId);
        Assert.Contains("acknowledged", update.Body, StringComparison.OrdinalIgnoreCase);
    }
}
