using Microsoft.Extensions.Logging.Abstractions;
using SecBot.Chat.Conversation;
using SecBot.Chat.Delivery;
using SecBot.Chat.Delivery.Resilience;
using SecBot.Chat.Tests.Support;
using SecBot.Domain.Tests.Policy;
using SecBot.Storage.Conversations;
using SecBot.Storage.Roster;
using SecBot.Storage.Tests.Support;
using SecBot.Teams.Configuration;
using SecBot.Teams.Connector;
using SecBot.Teams.Delivery;
using SecBot.Teams.Endpoints;

namespace SecBot.Teams.Tests.Endpoints;

/// <summary>
/// A Teams mention entity may carry only the per-bot 29: id; the chat layer knows people by the id the roster (or an
/// e-mail match) gives them on Teams, so the adapter translates through what it learned from each person's activities.
/// </summary>
public sealed class MentionResolutionTests
{
    [Fact]
    public async Task A_mention_by_29_id_names_the_person_SecBot_learned_it_from_and_an_unknown_one_is_left_as_it_is()
    {
        await using var db = await TemporaryDatabase.MigratedAsync();
        var policy = ShippedConfiguration.LoadPolicy();
        await new RosterSync(db.Store, NullLogger<RosterSync>.Instance).SyncAsync(policy.Roster, CancellationToken.None);
        var chat = new ChatGraph(db.Store, policy, new TeamsOnly(), db.Time);
        var conversations = new TeamsConversations(new PlatformConversationRepository(db.Store));
        var person = chat.Roster.People.First(p => p.TeamsUserId.Length > 0);
        await conversations.LearnAsync(person, "29:known-user", "a:known", "https://smba.trafficmanager.net/amer/", null, CancellationToken.None);
        using var http = new HttpClient();
        var options = new TeamsOptions { AppId = Guid.NewGuid().ToString(), AppPassword = "unused" };
        var connector = new BotConnectorClient(
            http, new BotTokenProvider(http, options, db.Time, NullLogger<BotTokenProvider>.Instance), new ApiResilienceOptions(), db.Time, NullLogger<BotConnectorClient>.Instance);
        var senders = new TeamsSenders(chat.Roster, chat.Learned, conversations, connector, options, db.Time, NullLogger<TeamsSenders>.Instance);

        var resolved = senders.Resolve([new ChatMention("29:known-user", $"<at>{person.Name}</at>"), new ChatMention("29:stranger", "<at>Someone</at>"), new ChatMention(person.TeamsUserId, "<at>Aad</at>")]);

        Assert.Equal([person.TeamsUserId, "29:stranger", person.TeamsUserId], resolved.Select(m => m.UserId));
        Assert.Equal(person, chat.People.Identify(new ChatIdentity(TeamsPlatform.Name, resolved[0].UserId)));
    }

    private sealed class TeamsOnly : IDeliveryPlatforms
    {
        public IReadOnlyList<string> Enabled { get; } = [TeamsPlatform.Name];
    }
}
