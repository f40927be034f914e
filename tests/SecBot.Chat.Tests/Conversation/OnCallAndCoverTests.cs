using SecBot.Chat.Conversation;
using SecBot.Chat.Tests.Support;
using SecBot.Storage.Tests.Support;

namespace SecBot.Chat.Tests.Conversation;

/// <summary>
/// <c>oncall</c> and <c>cover</c> over the real store. The harness starts on Monday 2026-03-02 09:00 London (UTC+0),
/// the start of Maya's week on the L1 rotation; Sam has the next week.
/// </summary>
public sealed class OnCallAndCoverTests
{
    private const string SamCoversTenToSix = "cover SocEngineer 2026-03-02T10:00Z 2026-03-02T18:00Z";

    [Fact]
    public async Task Oncall_names_the_rotations_on_call_person_and_until_when()
    {
        await using var db = await TemporaryDatabase.MigratedAsync();
        var chat = await ChatHarness.StartAsync(db);

        var reply = await chat.SayAsync("leo", "oncall");

        Assert.False(reply.IsRefusal, reply.Text);
        Assert.Equal(ReplyVisibility.Private, reply.Visibility);
        Assert.Contains("L1 24/7 rotation: Maya Chen until 2026-03-09 09:00 +00:00", reply.Text, StringComparison.Ordinal);
        Assert.Contains("Incident Response Lead: Priya Nair", reply.Text, StringComparison.Ordinal);
        Assert.Equal(new TableCounts(0, 0, 0, 0, 0, 0), await chat.CountsAsync());
    }

    [Theory]
    [InlineData("oncall SocEngineer", "SOC Engineer: Maya Chen until 2026-03-09 09:00 +00:00")]
    [InlineData("oncall \"Cloud Security Engineer\"", "Cloud Security Engineer: Diego Alvarez")]
    [InlineData("oncall SecOpsManager", "Security Operations Manager: Olivia Grant")]
    public async Task Oncall_for_a_role_names_who_is_paged_for_it(string text, string expected)
    {
        await using var db = await TemporaryDatabase.MigratedAsync();
        var chat = await ChatHarness.StartAsync(db);

        var reply = await chat.SayAsync("leo", text);

        Assert.Equal(expected, reply.Text);
    }

    [Fact]
    public async Task The_rotation_hands_over_to_the_next_member_after_a_week()
    {
        await using var db = await TemporaryDatabase.MigratedAsync();
        var chat = await ChatHarness.StartAsync(db);
        chat.Time.Advance(TimeSpan.FromDays(7));

        var reply = await chat.SayAsync("leo", "oncall SocEngineer");

        Assert.Equal("SOC Engineer: Sam Okafor until 2026-03-16 09:00 +00:00", reply.Text);
    }

    [Fact]
    public async Task Covering_a_shift_yourself_stores_the_override_and_announces_it_in_the_channel()
    {
        await using var db = await TemporaryDatabase.MigratedAsync();
        var chat = await ChatHarness.StartAsync(db);

        var reply = await chat.SayAsync("sam", SamCoversTenToSix);

        Assert.False(reply.IsRefusal, reply.Text);
        Assert.Equal("Sam Okafor covers SocEngineer from 2026-03-02 10:00 +00:00 to 2026-03-02 18:00 +00:00 (set by Sam Okafor).", reply.Text);
        Assert.Equal(new TableCounts(0, 0, Outbox: 1, 0, 0, Overrides: 1), await chat.CountsAsync());
        var announcement = Assert.Single(await chat.OutboxAsync());
        Assert.True(announcement.IsChannel);
        Assert.Equal(["sam"], announcement.Message.Card.Mentions);
    }

    [Fact]
    public async Task A_cover_wins_over_the_rotation_while_it_lasts_for_oncall_and_for_paging()
    {
        await using var db = await TemporaryDatabase.MigratedAsync();
        var chat = await ChatHarness.StartAsync(db);
        await chat.SayAsync("sam", SamCoversTenToSix);

        Assert.Equal("SOC Engineer: Maya Chen until 2026-03-02 10:00 +00:00", (await chat.SayAsync("leo", "oncall SocEngineer")).Text);

        chat.Time.Advance(TimeSpan.FromHours(1));
        Assert.Equal("SOC Engineer: Sam Okafor until 2026-03-02 18:00 +00:00 (cover)", (await chat.SayAsync("leo", "oncall SocEngineer")).Text);
        Assert.Contains("L1 24/7 rotation: Sam Okafor until 2026-03-02 18:00 +00:00 (cover)", (await chat.SayAsync("leo", "oncall")).Text, StringComparison.Ordinal);
        await chat.DeclareAsync("leo", "Suspicious login on VPN");
        Assert.Equal(["sam"], (await chat.IncidentAsync(1)).Pages.Select(p => p.PersonId));

        chat.Time.Advance(TimeSpan.FromHours(8));
        Assert.Equal("SOC Engineer: Maya Chen until 2026-03-09 09:00 +00:00", (await chat.SayAsync("leo", "oncall SocEngineer")).Text);
        await chat.DeclareAsync("leo", "Another suspicious login");
        Assert.Equal(["maya"], (await chat.IncidentAsync(2)).Pages.Select(p => p.PersonId));
    }

    [Theory]
    [InlineData("olivia")]
    [InlineData("raj")]
    public async Task A_manager_may_put_someone_else_on_call_who_is_told_directly(string manager)
    {
        await using var db = await TemporaryDatabase.MigratedAsync();
        var chat = await ChatHarness.StartAsync(db);

        var reply = await chat.SayAsync(manager, SamCoversTenToSix + " <@U0SAM00002>");

        Assert.False(reply.IsRefusal, reply.Text);
        Assert.Equal(new TableCounts(0, 0, Outbox: 2, 0, 0, Overrides: 1), await chat.CountsAsync());
        Assert.Equal(["channel:incidents", "person:sam"], (await chat.OutboxAsync()).Select(m => m.ChannelKey));
    }

    [Fact]
    public async Task Someone_who_is_not_a_manager_cannot_put_someone_else_on_call_and_nothing_changes()
    {
        await using var db = await TemporaryDatabase.MigratedAsync();
        var chat = await ChatHarness.StartAsync(db);

        var reply = await chat.SayAsync("leo", SamCoversTenToSix + " @sam");

        Assert.True(reply.IsRefusal);
        Assert.Contains("Only a team manager can put someone else on call", reply.Text, StringComparison.Ordinal);
        Assert.Contains("Usage: cover", reply.Text, StringComparison.Ordinal);
        Assert.Equal(new TableCounts(0, 0, 0, 0, 0, 0), await chat.CountsAsync());
    }

    [Fact]
    public async Task A_cover_whose_window_is_already_over_is_refused_and_nothing_changes()
    {
        await using var db = await TemporaryDatabase.MigratedAsync();
        var chat = await ChatHarness.StartAsync(db);

        var reply = await chat.SayAsync("sam", "cover SocEngineer 2026-03-01T10:00Z 2026-03-01T18:00Z");

        Assert.True(reply.IsRefusal);
        Assert.Contains("That window is already over.", reply.Text, StringComparison.Ordinal);
        Assert.Equal(new TableCounts(0, 0, 0, 0, 0, 0), await chat.CountsAsync());
    }

    [Theory]
    [InlineData("@nobody", "I can't find 'nobody' on the roster.")]
    [InlineData("<@U0NOBODY99>", "I can't find <@U0NOBODY99> on the roster.")]
    [InlineData("<at>No Body</at>", "I can't find 'No Body' on the roster.")]
    public async Task A_cover_for_someone_not_on_the_roster_names_them_and_nothing_changes(string person, string problem)
    {
        await using var db = await TemporaryDatabase.MigratedAsync();
        var chat = await ChatHarness.StartAsync(db);

        var reply = await chat.SayAsync("olivia", SamCoversTenToSix + " " + person);

        Assert.True(reply.IsRefusal);
        Assert.StartsWith(problem, reply.Text, StringComparison.Ordinal);
        Assert.Equal(new TableCounts(0, 0, 0, 0, 0, 0), await chat.CountsAsync());
    }

    [Fact]
    public async Task A_cover_given_in_local_time_is_placed_in_the_rosters_zone()
    {
        await using var db = await TemporaryDatabase.MigratedAsync();
        var chat = await ChatHarness.StartAsync(db);
        chat.Time.Advance(TimeSpan.FromDays(28));

        // 2026-03-30 is after the clocks go forward in London: 10:00 local is 09:00Z.
        var reply = await chat.SayAsync("sam", "cover SocEngineer 2026-03-30T10:00 2026-03-30T18:00");

        Assert.Equal("Sam Okafor covers SocEngineer from 2026-03-30 10:00 +01:00 to 2026-03-30 18:00 +01:00 (set by Sam Okafor).", reply.Text);
        Assert.Equal(
            new DateTimeOffset(2026, 3, 30, 9, 0, 0, TimeSpan.Zero).ToUnixTimeMilliseconds(),
            await db.ScalarAsync<long>("SELECT starts_at FROM oncall_overrides"));
    }
}
