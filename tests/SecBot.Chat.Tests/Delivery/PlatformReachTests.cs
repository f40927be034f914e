using SecBot.Chat.Delivery;
using SecBot.Chat.Tests.Support;
using SecBot.Domain.Roster;
using SecBot.Storage.Tests.Support;
using SecBot.Storage.Timers;

namespace SecBot.Chat.Tests.Delivery;

/// <summary>
/// With Slack and Teams both enabled, a page goes only where the person can be reached (<see cref="IPlatformReach"/>);
/// a platform that cannot reach them is named on the channel announcement and the incident's timeline, and someone no
/// platform reaches is paged everywhere anyway, so the failure is a dead letter in sight rather than silence.
/// </summary>
public sealed class PlatformReachTests
{
    private static readonly string[] BothPlatforms = ["slack", "teams"];

    private const string NoTeamsConversation = "no Teams conversation with them yet";
    private const string NoSlackId = "the roster has neither a Slack user id nor an e-mail for them";

    [Fact]
    public async Task A_page_goes_only_to_the_platforms_that_reach_the_person_and_the_announcement_names_the_one_that_does_not()
    {
        await using var db = await TemporaryDatabase.MigratedAsync();
        var chat = await ChatHarness.StartAsync(db, platforms: BothPlatforms, reach: [new ReachesNobody("teams", NoTeamsConversation)]);

        await chat.DeclareAsync("sam", "Suspicious login on VPN");

        var paged = await chat.FirstPagedAsync(1);
        var outbox = await chat.OutboxAsync();
        Assert.Equal(["slack"], outbox.Where(m => m.IsPageTo(paged)).Select(m => m.Platform));
        var announcements = outbox.Where(m => m.IsChannel).ToList();
        Assert.Equal(BothPlatforms, announcements.Select(m => m.Platform));
        Assert.All(announcements, a => Assert.Equal($"{chat.NameOf(paged)} (not on Teams)", NotReached(a.Message)));

        var unreachable = Assert.Single(await chat.TimelineAsync(1), e => e.Kind == SubjectTimeline.Unreachable);
        Assert.Equal($"{chat.NameOf(paged)} could not be paged on Teams: {NoTeamsConversation}", unreachable.Detail);
    }

    [Fact]
    public async Task Someone_no_platform_reaches_is_paged_on_every_platform_and_the_announcement_names_them_on_both()
    {
        await using var db = await TemporaryDatabase.MigratedAsync();
        var chat = await ChatHarness.StartAsync(
            db, platforms: BothPlatforms, reach: [new ReachesNobody("slack", NoSlackId), new ReachesNobody("teams", NoTeamsConversation)]);

        await chat.DeclareAsync("sam", "Suspicious login on VPN");

        var paged = await chat.FirstPagedAsync(1);
        var outbox = await chat.OutboxAsync();
        // Queued where it cannot be delivered, so each platform's failure is dead-lettered onto the incident and into `status`.
        Assert.Equal(BothPlatforms, outbox.Where(m => m.IsPageTo(paged)).Select(m => m.Platform));
        Assert.All(outbox.Where(m => m.IsChannel), a => Assert.Equal($"{chat.NameOf(paged)} (not on Slack or Teams)", NotReached(a.Message)));
        Assert.Equal(
            [$"{chat.NameOf(paged)} could not be paged on Slack: {NoSlackId}", $"{chat.NameOf(paged)} could not be paged on Teams: {NoTeamsConversation}"],
            (await chat.TimelineAsync(1)).Where(e => e.Kind == SubjectTimeline.Unreachable).Select(e => e.Detail));
    }

    [Fact]
    public async Task Someone_every_platform_reaches_is_paged_on_each_and_nothing_is_said_about_reach()
    {
        await using var db = await TemporaryDatabase.MigratedAsync();
        var chat = await ChatHarness.StartAsync(db, platforms: BothPlatforms, reach: [new ReachesEveryone("slack"), new ReachesEveryone("teams")]);

        await chat.DeclareAsync("sam", "Suspicious login on VPN");

        var paged = await chat.FirstPagedAsync(1);
        var outbox = await chat.OutboxAsync();
        Assert.Equal(BothPlatforms, outbox.Where(m => m.IsPageTo(paged)).Select(m => m.Platform));
        Assert.All(outbox.Where(m => m.IsChannel), a => Assert.DoesNotContain(a.Message.Card.Facts, f => f.Label == "Not reached"));
        Assert.DoesNotContain(SubjectTimeline.Unreachable, await chat.TimelineKindsAsync(1));
    }

    [Fact]
    public async Task Only_the_person_a_platform_cannot_reach_loses_it_and_people_off_the_roster_are_left_to_the_sender()
    {
        await using var db = await TemporaryDatabase.MigratedAsync();
        var chat = await ChatHarness.StartAsync(db);
        var someone = chat.Roster.People[0];
        var someoneElse = chat.Roster.People.First(p => p.Id != someone.Id);
        var outbox = new OutboxWriter(new Platforms(BothPlatforms), [new ReachesOnly("teams", someone.Id)], chat.Roster);

        Assert.Empty(outbox.Unreached(someone.Id));
        Assert.Equal([("teams", "not them")], outbox.Unreached(someoneElse.Id));
        Assert.False(outbox.ReachesNobody(someoneElse.Id));
        Assert.Empty(outbox.Unreached("not-on-the-roster"));
    }

    private static string? NotReached(OutboundMessage message) => message.Card.Facts.SingleOrDefault(f => f.Label == "Not reached")?.Value;

    private sealed class ReachesNobody(string platform, string why) : IPlatformReach
    {
        public string Platform => platform;

        public string? WhyUnreachable(Person person) => why;
    }

    private sealed class ReachesEveryone(string platform) : IPlatformReach
    {
        public string Platform => platform;

        public string? WhyUnreachable(Person person) => null;
    }

    private sealed class ReachesOnly(string platform, string personId) : IPlatformReach
    {
        public string Platform => platform;

        public string? WhyUnreachable(Person person) => person.Id == personId ? null : "not them";
    }

    private sealed class Platforms(string[] enabled) : IDeliveryPlatforms
    {
        public IReadOnlyList<string> Enabled => enabled;
    }
}
