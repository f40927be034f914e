using System.Net;
using System.Text.Json.Nodes;
using SecBot.Domain.Roster;
using SecBot.Host.Tests.Support;
using SecBot.Testing.Teams;

namespace SecBot.Host.Tests.Teams;

/// <summary>A page delivered on Teams: the person the policy paged, and the card activity in their 1:1 chat.</summary>
internal sealed record TeamsPage(Person Paged, FakeBotConnector.Call Sent)
{
    public JsonObject Card => TeamsCards.CardOf(Sent);

    public string ConversationId => Sent.ConversationId!;

    /// <summary>The card's activity id, which a press names as its <c>replyToId</c>.</summary>
    public string ActivityId => Sent.AnsweredId!;

    public JsonObject Button(string verb) => TeamsCards.Button(Card, verb);
}

internal static class TeamsPages
{
    /// <summary>
    /// Installs SecBot for every roster person with a Teams id, has the first of them declare <paramref name="title"/>
    /// (incident <paramref name="incident"/>) in their 1:1 chat, and waits for the L1 page of whoever the policy paged.
    /// </summary>
    public static async Task<TeamsPage> DeclareAndWaitForPageAsync(this TeamsHost teams, string title, long incident = 1)
    {
        var people = teams.PeopleOnTeams;
        foreach (var person in people) await teams.InstallAsync(person);

        using var declared = await teams.PostAsync(teams.PersonalMessage(people[0], "declare " + title));
        Assert.Equal(HttpStatusCode.OK, declared.StatusCode);
        var paged = Assert.Single(await OnCallPolicy.PagedAsync(teams.Host.App.Services, incident, "L1"));
        var page = await teams.Connector.WaitForAsync(
            FakeBotConnector.Operation.Send,
            c => c.ConversationId == TeamsActivities.PersonalConversationOf(paged) && c.Body.Contains($"INC-{incident}", StringComparison.Ordinal) && c.Body.Contains("incident.ack", StringComparison.Ordinal));
        await teams.WaitForOutboxDrainedAsync();
        return new TeamsPage(paged, page);
    }
}
