using Microsoft.Extensions.Logging.Abstractions;
using SecBot.Chat.Conversation;
using SecBot.Chat.OnCall;
using SecBot.Domain.Policy;
using SecBot.Storage.Roster;
using SecBot.Storage.Tests.Support;
using RosterModel = SecBot.Domain.Roster.Roster;
using ChatHarness = SecBot.Chat.Tests.Support.ChatHarness;

namespace SecBot.Chat.Tests.OnCall;

/// <summary>Slack users recognised through ids learned from roster e-mails, when the roster has no SlackUserId for them.</summary>
public sealed class PersonDirectoryLearnedIdTests
{
    [Fact]
    public async Task A_learned_slack_id_identifies_a_person_with_no_configured_slack_id_after_a_reload_too()
    {
        await using var database = await TemporaryDatabase.MigratedAsync();
        var (roster, learned) = await StartAsync(database, Without("sam"));
        var sam = roster.PersonById("sam")!;
        var directory = new PersonDirectory(roster, learned);
        Assert.Null(directory.Identify(new ChatIdentity("slack", "W012A3CDE")));

        await learned.LearnAsync("slack", sam, "W012A3CDE", CancellationToken.None);
        var (_, reloaded) = await StartAsync(database, Without("sam"));

        Assert.Equal(sam, directory.Identify(new ChatIdentity("slack", "W012A3CDE")));
        Assert.Equal(sam, new PersonDirectory(roster, reloaded).Identify(new ChatIdentity("slack", "W012A3CDE")));
        Assert.Equal(sam, new PersonDirectory(roster, reloaded).Find(new SecBot.Chat.Commands.SlackUserReference("W012A3CDE"), "slack", [new ChatMention("W012A3CDE", "<@W012A3CDE>")]));
        Assert.Equal("W012A3CDE", reloaded.UserIdFor("slack", sam));
        Assert.Null(directory.Identify(new ChatIdentity("teams", "W012A3CDE")));
    }

    [Fact]
    public async Task The_rosters_configured_id_wins_and_a_learned_id_stops_applying_when_the_email_changes()
    {
        await using var database = await TemporaryDatabase.MigratedAsync();
        var (roster, learned) = await StartAsync(database, Without("sam"));
        await learned.LearnAsync("slack", roster.PersonById("sam")!, "W012A3CDE", CancellationToken.None);

        var (configured, fromConfigured) = await StartAsync(database, null);
        var (moved, fromMoved) = await StartAsync(database, policy =>
        {
            Without("sam")(policy);
            policy.Roster.People.Single(p => p.Id == "sam").Email = "sam.new@example.com";
        });

        Assert.Null(new PersonDirectory(configured, fromConfigured).Identify(new ChatIdentity("slack", "W012A3CDE")));
        Assert.Equal("sam", new PersonDirectory(configured, fromConfigured).Identify(new ChatIdentity("slack", "U0SAM00002"))?.Id);
        Assert.Null(fromConfigured.UserIdFor("slack", configured.PersonById("sam")!));
        Assert.Null(new PersonDirectory(moved, fromMoved).Identify(new ChatIdentity("slack", "W012A3CDE")));
        Assert.Null(fromMoved.UserIdFor("slack", moved.PersonById("sam")!));
    }

    [Fact]
    public async Task A_learned_id_that_is_another_persons_configured_id_still_means_that_person()
    {
        await using var database = await TemporaryDatabase.MigratedAsync();
        var (roster, learned) = await StartAsync(database, Without("sam"));
        await learned.LearnAsync("slack", roster.PersonById("sam")!, "U0MAYA0001", CancellationToken.None);

        Assert.Equal("maya", new PersonDirectory(roster, learned).Identify(new ChatIdentity("slack", "U0MAYA0001"))?.Id);
    }

    private static Action<PolicyOptions> Without(string personId) =>
        policy => policy.Roster.People.Single(p => p.Id == personId).SlackUserId = "";

    private static async Task<(RosterModel Roster, LearnedIdentities Learned)> StartAsync(TemporaryDatabase database, Action<PolicyOptions>? edit)
    {
        var policy = ChatHarness.ShippedPolicy(edit);
        await new RosterSync(database.Store, NullLogger<RosterSync>.Instance).SyncAsync(policy.Roster, CancellationToken.None);
        var roster = RosterModel.From(policy.Roster);
        var learned = new LearnedIdentities(new LearnedPlatformIdRepository(database.Store), roster);
        await learned.LoadAsync(CancellationToken.None);
        return (roster, learned);
    }
}
