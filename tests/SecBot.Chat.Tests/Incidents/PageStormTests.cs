using SecBot.Chat.Incidents;
using SecBot.Chat.Tests.Support;
using SecBot.Domain.Incidents;
using SecBot.Storage.Tests.Support;

namespace SecBot.Chat.Tests.Incidents;

/// <summary>
/// Storm control through the chat layer on a real file and the fake clock: customer incidents page the SecOps manager
/// and the IR lead (never named here: read from each incident's stored pages). Past 3 pages to one person within 10
/// minutes the rest wait for one digest, sent by a database timer; everything shows on the timelines.
/// </summary>
public sealed class PageStormTests
{
    private static readonly PageStormOptions Storm = new() { Pages = 3, Window = TimeSpan.FromMinutes(10) };
    private static readonly ChatHarness.Limits Limits = new(new DeclareLimitOptions { PerPerson = 1000 }, Storm);

    [Fact]
    public async Task Past_the_limit_a_persons_pages_are_held_and_arrive_as_one_digest_when_the_first_counted_page_leaves_the_window_listing_each_incident()
    {
        await using var db = await TemporaryDatabase.MigratedAsync();
        // A window shorter than the 10-minute ack timeout, so no re-page joins this digest (the next test has them).
        var chat = await ChatHarness.StartAsync(db, limits: Limits with { PageStorm = new PageStormOptions { Pages = 3, Window = TimeSpan.FromMinutes(5) } });
        for (var i = 1; i <= 3; i++) await chat.DeclareAsync("sam", $"Customer report {i} type:customer");
        var manager = await ManagerOfAsync(chat, 1);
        Assert.Equal(3, (await chat.OutboxAsync()).Count(m => m.IsPageTo(manager)));
        var lastMessage = await chat.LastOutboxIdAsync();

        chat.Time.Advance(TimeSpan.FromMinutes(1));
        await chat.DeclareAsync("sam", "Customer report 4 type:customer");
        chat.Time.Advance(TimeSpan.FromMinutes(1));
        await chat.DeclareAsync("sam", "Customer report 5 type:customer");

        var queued = await chat.OutboxAfterAsync(lastMessage);
        Assert.DoesNotContain(queued, m => m.IsPageTo(manager));
        Assert.Equal(2, queued.Count(m => m.IsChannel));
        var held = (await chat.TimelineAsync(4)).Single(e => e.Kind == PageRouting.HeldKind && e.Detail.Contains(chat.NameOf(manager), StringComparison.Ordinal));
        Assert.Equal($"page to {chat.NameOf(manager)} at L3 held for their digest at Mon 2 Mar 09:05 UTC: more than 3 pages to them within 5 minutes", held.Detail);
        Assert.Contains("held for their digest", (await chat.SayAsync("leo", "status INC-5")).Card!.Text, StringComparison.Ordinal);

        // Due at 09:05, when the 09:00 pages leave the 5-minute window and a DM would be allowed again: not 09:06, a
        // window after the first held page.
        chat.Time.Advance(TimeSpan.FromMinutes(3) - TimeSpan.FromMilliseconds(1));
        await chat.FireDueTimersAsync();
        Assert.DoesNotContain(await chat.OutboxAfterAsync(lastMessage), m => m.IsPageTo(manager));

        chat.Time.Advance(TimeSpan.FromMilliseconds(1));
        // The manager's digest and the lead's: both were paged by every declare.
        Assert.Equal(2, await chat.FireDueTimersAsync());

        var digest = Assert.Single(await chat.OutboxAfterAsync(lastMessage), m => m.IsPageTo(manager));
        Assert.Null(digest.Message.Subject);
        Assert.Equal("Page digest: 2 held pages on 2 incidents", digest.Message.Card.Title);
        Assert.Contains("• INC-4 (L3): Customer report 4 — paged Mon 2 Mar 09:01 UTC; open; to acknowledge: ack INC-4", digest.Message.Card.Text, StringComparison.Ordinal);
        Assert.Contains("• INC-5 (L3): Customer report 5 — paged Mon 2 Mar 09:02 UTC; open; to acknowledge: ack INC-5", digest.Message.Card.Text, StringComparison.Ordinal);
        foreach (var number in new long[] { 4, 5 })
        {
            Assert.Contains(await chat.TimelineAsync(number), e => e.Kind == PageRouting.DigestKind && e.Detail.StartsWith($"1 held page to {chat.NameOf(manager)} sent in their digest", StringComparison.Ordinal));
        }

        Assert.Equal(0, await chat.FireDueTimersAsync());
    }

    [Fact]
    public async Task While_a_digest_is_due_re_pages_wait_for_it_too_and_an_incident_acknowledged_meanwhile_says_so_in_the_digest()
    {
        await using var db = await TemporaryDatabase.MigratedAsync();
        var chat = await ChatHarness.StartAsync(db, limits: Limits);
        for (var i = 1; i <= 4; i++) await chat.DeclareAsync("sam", $"Customer report {i} type:customer");
        var manager = await ManagerOfAsync(chat, 4);
        var lead = (await chat.IncidentAsync(4)).LeadPersonId!;
        Assert.False((await chat.SayAsync(lead, "ack INC-4")).IsRefusal);
        var lastMessage = await chat.LastOutboxIdAsync();

        // The ack timeouts of INC-1..3 (10 minutes) come due with the digest: the re-pages join it, never overtake it.
        chat.Time.Advance(TimeSpan.FromMinutes(10));
        await chat.FireDueTimersAsync();

        var toManager = (await chat.OutboxAfterAsync(lastMessage)).Where(m => m.IsPageTo(manager)).ToList();
        var digest = Assert.Single(toManager);
        Assert.StartsWith("Page digest:", digest.Message.Card.Title, StringComparison.Ordinal);
        Assert.Contains($"INC-4 (L3): Customer report 4 — paged Mon 2 Mar 09:00 UTC; acknowledged by {chat.NameOf(lead)}", digest.Message.Card.Text, StringComparison.Ordinal);
        Assert.Contains(await chat.TimelineAsync(1), e => e.Kind == IncidentEventKinds.Repaged && e.Detail.Contains(chat.NameOf(manager), StringComparison.Ordinal));
        Assert.Contains(await chat.TimelineAsync(1), e => e.Kind == PageRouting.HeldKind && e.Detail.Contains("(attempt 2)", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Two_processes_on_one_database_count_the_same_pages()
    {
        await using var db = await TemporaryDatabase.MigratedAsync();
        var first = await ChatHarness.StartAsync(db, limits: Limits);
        var second = await ChatHarness.StartAsync(db, db.NewStore(), limits: Limits);

        await first.DeclareAsync("sam", "Customer report 1 type:customer");
        await second.DeclareAsync("maya", "Customer report 2 type:customer");
        await first.DeclareAsync("diego", "Customer report 3 type:customer");
        await second.DeclareAsync("leo", "Customer report 4 type:customer");

        var manager = await ManagerOfAsync(first, 4);
        Assert.Equal(3, (await first.OutboxAsync()).Count(m => m.IsPageTo(manager)));
        Assert.Contains(await first.TimelineAsync(4), e => e.Kind == PageRouting.HeldKind);
    }

    /// <summary>Who the incident paged at L3 as on call (not as its lead): the manager, read from its stored pages.</summary>
    private static async Task<string> ManagerOfAsync(ChatHarness chat, long number) =>
        (await chat.IncidentAsync(number)).Pages.First(p => p.Reason != PageReason.Lead).PersonId;
}
