using SecBot.Host.Tests.Support;
using System.Net;
using Dapper;
using SecBot.Chat.Conversation;
using SecBot.Domain.Roster;
using SecBot.Storage;
using SecBot.Testing.Teams;
using static SecBot.Testing.Teams.FakeBotConnector;

namespace SecBot.Host.Tests.Teams;

/// <summary>
/// Who a Teams activity is from (issue 13): a roster person by <c>from.aadObjectId</c> = their <c>TeamsUserId</c>; one
/// configured with only an e-mail through the connector's member record (e-mail or UPN), learned so it is asked once;
/// anyone else is refused and changes nothing.
/// </summary>
public sealed class TeamsIdentityTests
{
    // A person the shipped roster gives a Teams id, configured here with only their e-mail.
    private const int EmailOnly = 2;

    [Fact]
    public async Task A_person_is_recognised_by_their_AAD_object_id_without_asking_the_connector()
    {
        await using var teams = await TeamsHost.StartAsync();
        var person = teams.PeopleOnTeams[0];

        using var response = await teams.PostAsync(teams.PersonalMessage(person, "declare Suspicious login"));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal(person.Id, await DeclaredByAsync(teams, 1));
        var reply = await teams.Connector.WaitForAsync(Operation.Send, c => c.ConversationId == TeamsActivities.PersonalConversationOf(person));
        Assert.DoesNotContain("know you", reply.Body, StringComparison.Ordinal);
        Assert.Empty(teams.Connector.CallsTo(Operation.GetMember));
    }

    [Theory]
    [InlineData("email")]
    [InlineData("userPrincipalName")]
    public async Task A_person_configured_by_email_is_matched_through_the_connectors_member_record_once(string field)
    {
        await using var teams = await TeamsHost.StartAsync(settings: $"--SecBot:Roster:People:{EmailOnly}:TeamsUserId=");
        var configured = teams.Roster.People[EmailOnly];
        Assert.Empty(configured.TeamsUserId);
        var person = configured with { TeamsUserId = Guid.NewGuid().ToString() };
        teams.Connector.AddMember(
            TeamsActivities.UserIdOf(person),
            person.Name,
            email: field == "email" ? person.Email.ToUpperInvariant() : null,
            userPrincipalName: field == "email" ? "someone.else@example.org" : person.Email,
            aadObjectId: person.TeamsUserId);

        using var first = await teams.PostAsync(teams.PersonalMessage(person, "oncall"));
        using var second = await teams.PostAsync(teams.PersonalMessage(person, "declare Suspicious login"));

        Assert.Equal(HttpStatusCode.OK, first.StatusCode);
        Assert.Equal(HttpStatusCode.OK, second.StatusCode);
        Assert.Equal(configured.Id, await DeclaredByAsync(teams, 1));
        await teams.WaitForOutboxDrainedAsync();
        Assert.DoesNotContain(teams.Connector.Calls, c => c.Body.Contains("know you", StringComparison.Ordinal));
        var lookup = Assert.Single(teams.Connector.CallsTo(Operation.GetMember));
        Assert.Equal((TeamsActivities.PersonalConversationOf(person), TeamsActivities.UserIdOf(person)), (lookup.ConversationId, lookup.MemberId));
        Assert.Equal(person.TeamsUserId, (await teams.LearnedPlatformIdsAsync()).FirstOrDefault(l => l.Platform == "teams" && l.PersonId == configured.Id)?.UserId);
    }

    [Fact]
    public async Task Serving_any_tenant_SecBot_trusts_a_members_UPN_but_not_a_mail_attribute_another_tenant_could_set()
    {
        await using var teams = await TeamsHost.StartAsync(settings: [$"--SecBot:Roster:People:{EmailOnly}:TeamsUserId=", "--SecBot:Teams:TenantId="]);
        var configured = teams.Roster.People[EmailOnly];
        var impostor = configured with { TeamsUserId = Guid.NewGuid().ToString() };
        teams.Connector.AddMember(TeamsActivities.UserIdOf(impostor), impostor.Name, email: configured.Email, userPrincipalName: "mallory@elsewhere.example", aadObjectId: impostor.TeamsUserId);

        using var declared = await teams.PostAsync(teams.PersonalMessage(impostor, "declare Suspicious login"));

        Assert.Equal(HttpStatusCode.OK, declared.StatusCode);
        Assert.Empty(await teams.IncidentsAsync());
        Assert.Empty(await teams.LearnedPlatformIdsAsync());
        var reply = await teams.Connector.WaitForAsync(Operation.Send, c => c.ConversationId == TeamsActivities.PersonalConversationOf(impostor));
        Assert.Contains(ChatRouter.UnknownPersonReply, (string?)reply.Json!["text"], StringComparison.Ordinal);
    }

    public static TheoryData<string> Strangers => ["no member record", "an e-mail not on the roster", "the e-mail of a person with a Teams id"];

    [Theory]
    [MemberData(nameof(Strangers))]
    public async Task Someone_not_on_the_roster_is_told_SecBot_does_not_know_them_and_nothing_changes(string whatTheConnectorKnows)
    {
        await using var teams = await TeamsHost.StartAsync();
        var stranger = new Person("stranger", "Sam Stranger", "", "", Guid.NewGuid().ToString());
        var impersonated = teams.PeopleOnTeams[0];
        if (whatTheConnectorKnows != "no member record")
        {
            var email = whatTheConnectorKnows == "an e-mail not on the roster" ? "sam.stranger@example.org" : impersonated.Email;
            teams.Connector.AddMember(TeamsActivities.UserIdOf(stranger), stranger.Name, email, aadObjectId: stranger.TeamsUserId);
        }

        using var response = await teams.PostAsync(teams.PersonalMessage(stranger, "declare Suspicious login"));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var reply = await teams.Connector.WaitForAsync(Operation.Send, c => c.ConversationId == TeamsActivities.PersonalConversationOf(stranger));
        Assert.Contains(ChatRouter.UnknownPersonReply, (string?)reply.Json!["text"], StringComparison.Ordinal);
        Assert.Empty(await teams.IncidentsAsync());
        Assert.Empty(await teams.PlatformConversationsAsync());
        Assert.Empty(await teams.LearnedPlatformIdsAsync());

        // Writing again soon is refused the same way without asking the connector again.
        using var again = await teams.PostAsync(teams.PersonalMessage(stranger, "status"));
        Assert.Equal(HttpStatusCode.OK, again.StatusCode);
        await teams.Connector.WaitForAsync(Operation.Send, 2);
        Assert.Single(teams.Connector.CallsTo(Operation.GetMember));
    }

    private static async Task<string?> DeclaredByAsync(TeamsHost teams, long incident) =>
        (await teams.IncidentsAsync()).FirstOrDefault(i => i.Number == incident)?.DeclaredBy;
}
