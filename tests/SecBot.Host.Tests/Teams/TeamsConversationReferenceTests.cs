using SecBot.Domain.Incidents;
using System.Net;
using Dapper;
using SecBot.Domain.Roster;
using SecBot.Host.Tests.Support;
using SecBot.Storage;
using SecBot.Testing.Teams;
using static SecBot.Testing.Teams.FakeBotConnector;

namespace SecBot.Host.Tests.Teams;

/// <summary>
/// Where SecBot learns to reach people on Teams (teams-protocol.md §4, §5): the bot's installation, personal or in a
/// team, and any message they send. A page then reaches them: in their 1:1 chat when one is known, else through a 1:1
/// chat SecBot creates once (<c>POST {serviceUrl}v3/conversations</c>) and keeps, across a restart too.
/// </summary>
public sealed class TeamsConversationReferenceTests
{
    [Fact]
    public async Task A_personal_install_stores_the_1_1_chat_and_a_page_is_sent_there_without_creating_one()
    {
        await using var teams = await TeamsHost.StartAsync();
        var people = teams.PeopleOnTeams;
        foreach (var person in people) await teams.InstallAsync(person);

        var stored = await ConversationsAsync(teams);
        Assert.Equal(people.Count, stored.Count);
        foreach (var person in people)
        {
            var row = stored[person.Id];
            Assert.Equal((TeamsActivities.UserIdOf(person), TeamsActivities.PersonalConversationOf(person), teams.ServiceUrl, TeamsHost.TenantId), (row.UserId, row.ConversationId, row.ServiceUrl, row.TenantId));
        }

        using var declared = await teams.PostAsync(teams.ChannelMention(Declarer(teams), "declare Suspicious login"));
        Assert.Equal(HttpStatusCode.OK, declared.StatusCode);
        var paged = Assert.Single(await OnCallPolicy.PagedAsync(teams.Host.App.Services, 1, "L1"));
        await teams.Connector.WaitForAsync(Operation.Send, c => c.ConversationId == TeamsActivities.PersonalConversationOf(paged) && c.Body.Contains("incident.ack", StringComparison.Ordinal));
        await teams.WaitForOutboxDrainedAsync();
        Assert.Empty(teams.Connector.CallsTo(Operation.CreateConversation));
    }

    [Fact]
    public async Task A_team_install_stores_who_installed_it_and_their_page_creates_their_1_1_chat()
    {
        await using var teams = await TeamsHost.StartAsync();
        var people = teams.PeopleOnTeams;
        foreach (var person in people)
        {
            using var installed = await teams.PostAsync(teams.TeamInstalled(person));
            Assert.Equal(HttpStatusCode.OK, installed.StatusCode);
        }

        var stored = await ConversationsAsync(teams);
        Assert.Equal(people.Count, stored.Count);
        Assert.All(people, person => Assert.Equal((TeamsActivities.UserIdOf(person), null, teams.ChannelServiceUrl, TeamsHost.TenantId), (stored[person.Id].UserId, stored[person.Id].ConversationId, stored[person.Id].ServiceUrl, stored[person.Id].TenantId)));

        using var declared = await teams.PostAsync(teams.ChannelMention(Declarer(teams), "declare Suspicious login"));
        Assert.Equal(HttpStatusCode.OK, declared.StatusCode);
        var paged = Assert.Single(await OnCallPolicy.PagedAsync(teams.Host.App.Services, 1, "L1"));

        var created = await AssertCreatedFor(teams, paged);
        await teams.Connector.WaitForAsync(Operation.Send, c => c.ConversationId == created && c.Body.Contains("INC-1", StringComparison.Ordinal));
        Assert.Equal(created, (await ConversationsAsync(teams))[paged.Id].ConversationId);
    }

    [Fact]
    public async Task Someone_known_only_from_a_channel_message_is_paged_through_a_1_1_chat_created_once_and_kept_across_a_restart()
    {
        await using var teams = await TeamsHost.StartAsync();
        var declarer = Declarer(teams);
        using (var first = await teams.PostAsync(teams.ChannelMention(declarer, "declare Suspicious login")))
        {
            Assert.Equal(HttpStatusCode.OK, first.StatusCode);
        }

        // The on-call person has never written to SecBot: the first page cannot reach them. Acknowledging in the channel
        // tells SecBot who they are, but gives no 1:1 chat.
        var paged = Assert.Single(await OnCallPolicy.PagedAsync(teams.Host.App.Services, 1, "L1"));
        Assert.NotEqual(declarer.Id, paged.Id);
        using (var ack = await teams.PostAsync(teams.ChannelMention(paged, "ack INC-1")))
        {
            Assert.Equal(HttpStatusCode.OK, ack.StatusCode);
        }

        Assert.Single(await teams.IncidentsAsync(), i => i.State == IncidentState.Acknowledged);
        await teams.WaitForOutboxDrainedAsync();
        var learned = (await ConversationsAsync(teams))[paged.Id];
        Assert.Equal((TeamsActivities.UserIdOf(paged), null, teams.ChannelServiceUrl), (learned.UserId, learned.ConversationId, learned.ServiceUrl));
        Assert.Empty(teams.Connector.CallsTo(Operation.CreateConversation));

        await DeclareAsync(teams, declarer, 2);
        Assert.Equal(paged, Assert.Single(await OnCallPolicy.PagedAsync(teams.Host.App.Services, 2, "L1")));
        var created = await AssertCreatedFor(teams, paged);
        await teams.Connector.WaitForAsync(Operation.Send, c => c.ConversationId == created && c.Body.Contains("INC-2", StringComparison.Ordinal));
        Assert.Equal(created, (await ConversationsAsync(teams))[paged.Id].ConversationId);

        await DeclareAsync(teams, declarer, 3);
        await teams.Connector.WaitForAsync(Operation.Send, c => c.ConversationId == created && c.Body.Contains("INC-3", StringComparison.Ordinal));

        await teams.RestartAsync();
        await DeclareAsync(teams, declarer, 4);
        Assert.Equal(paged, Assert.Single(await OnCallPolicy.PagedAsync(teams.Host.App.Services, 4, "L1")));
        await teams.Connector.WaitForAsync(Operation.Send, c => c.ConversationId == created && c.Body.Contains("INC-4", StringComparison.Ordinal));
        await teams.WaitForOutboxDrainedAsync();
        Assert.Single(teams.Connector.CallsTo(Operation.CreateConversation));
    }

    /// <summary>Someone on no rotation, so never the person a declare pages.</summary>
    private static Person Declarer(TeamsHost teams)
    {
        var onRotations = teams.Roster.Rotations.SelectMany(r => r.Members).ToHashSet(StringComparer.Ordinal);
        return teams.PeopleOnTeams.First(p => !onRotations.Contains(p.Id));
    }

    private static async Task DeclareAsync(TeamsHost teams, Person declarer, long incident)
    {
        using var declared = await teams.PostAsync(teams.ChannelMention(declarer, $"declare Wave {incident}"));
        Assert.Equal(HttpStatusCode.OK, declared.StatusCode);
        Assert.Equal(incident, (await teams.IncidentsAsync()).Count);
    }

    /// <summary>Waits for the one conversation created for <paramref name="person"/> and checks its parameters (§4); returns its id.</summary>
    private static async Task<string> AssertCreatedFor(TeamsHost teams, Person person)
    {
        var create = await teams.Connector.WaitForAsync(Operation.CreateConversation, c => (string?)c.Json?["members"]?[0]?["id"] == TeamsActivities.UserIdOf(person));
        Assert.Equal("POST", create.HttpMethod);
        Assert.Equal($"/amer/{TeamsHost.TenantId}/v3/conversations", create.RawPath);
        Assert.Equal("28:" + TeamsHost.AppId, (string?)create.Json!["bot"]!["id"]);
        Assert.Single(create.Json["members"]!.AsArray());
        Assert.Equal(TeamsHost.TenantId, (string?)create.Json["channelData"]!["tenant"]!["id"]);
        return create.AnsweredId!;
    }

    private static async Task<Dictionary<string, StoredConversation>> ConversationsAsync(TeamsHost teams) =>
        (await teams.PlatformConversationsAsync())
            .Where(c => c.Platform == "teams")
            .Select(c => new StoredConversation(c.PersonId, c.UserId, c.ConversationId, c.ServiceUrl, c.TenantId))
            .ToDictionary(r => r.PersonId, StringComparer.Ordinal);

    private sealed record StoredConversation(string PersonId, string UserId, string? ConversationId, string? ServiceUrl, string? TenantId);
}
