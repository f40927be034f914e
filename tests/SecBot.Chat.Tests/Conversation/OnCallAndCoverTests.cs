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
        Assert.Contains("L1 24/7 rotation: Maya Chen until Mon 9 Mar 09:00 Europe/London", reply.Text, StringComparison.Ordinal);
        Assert.Contains("Incident Response Lead: Priya Nair", reply.Text, StringComparison.Ordinal);
        Assert.Equal(new TableCounts(0, 0, 0, 0, 0, 0), await chat.CountsAsync());
    }

    [Theory]
    [InlineData("oncall SocEngineer", "SOC Engineer: Maya Chen until Mon 9 Mar 09:00 Europe/London")]
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

        Assert.Equal("SOC Engineer: Sam Okafor until Mon 16 Mar 09:00 Europe/London", reply.Text);
    }

    [Fact]
    public async Task Covering_a_shift_yourself_stores_the_override_and_announces_it_in_the_channel()
    {
        await using var db = await TemporaryDatabase.MigratedAsync();
        var chat = await ChatHarness.StartAsync(db);

        var reply = await chat.SayAsync("sam", SamCoversTenToSix);

        Assert.False(reply.IsRefusal, reply.Text);
        Assert.Equal("COV-1: Sam Okafor covers SOC Engineer Mon 2 Mar 10:00–18:00 Europe/London (set by Sam Okafor). To take it back: cover cancel COV-1", reply.Text);
        Assert.Equal(new TableCounts(0, 0, Outbox: 1, 0, 0, Overrides: 1), await chat.CountsAsync());
        var announcement = Assert.Single(await chat.OutboxAsync());
        Assert.True(announcement.IsChannel);
        Assert.Equal(["sam"], announcement.Message.Card.Mentions);
        Assert.Equal("COV-1: Sam Okafor covers SOC Engineer Mon 2 Mar 10:00–18:00 Europe/London (set by Sam Okafor).", announcement.Message.Card.Text);
    }

    [Fact]
    public async Task A_cover_wins_over_the_rotation_while_it_lasts_for_oncall_and_for_paging()
    {
        await using var db = await TemporaryDatabase.MigratedAsync();
        var chat = await ChatHarness.StartAsync(db);
        await chat.SayAsync("sam", SamCoversTenToSix);

        Assert.Equal("SOC Engineer: Maya Chen until Mon 2 Mar 10:00 Europe/London", (await chat.SayAsync("leo", "oncall SocEngineer")).Text);

        chat.Time.Advance(TimeSpan.FromHours(1));
        Assert.Equal("SOC Engineer: Sam Okafor until Mon 2 Mar 18:00 Europe/London (cover)", (await chat.SayAsync("leo", "oncall SocEngineer")).Text);
        Assert.Contains("L1 24/7 rotation: Sam Okafor until Mon 2 Mar 18:00 Europe/London (cover)", (await chat.SayAsync("leo", "oncall")).Text, StringComparison.Ordinal);
        await chat.DeclareAsync("leo", "Suspicious login on VPN");
        Assert.Equal(["sam"], (await chat.IncidentAsync(1)).Pages.Select(p => p.PersonId));

        chat.Time.Advance(TimeSpan.FromHours(8));
        Assert.Equal("SOC Engineer: Maya Chen until Mon 9 Mar 09:00 Europe/London", (await chat.SayAsync("leo", "oncall SocEngineer")).Text);
        await chat.DeclareAsync("leo", "Another suspicious login");
        Assert.Equal(["maya"], (await chat.IncidentAsync(2)).Pages.Select(p => p.PersonId));
    }

    [Fact]
    public async Task The_manager_of_the_roles_team_may_put_someone_else_on_call_who_is_told_directly()
    {
        await using var db = await TemporaryDatabase.MigratedAsync();
        var chat = await ChatHarness.StartAsync(db);

        var reply = await chat.SayAsync(ManagerOfTeamOf(chat, "SocEngineer"), SamCoversTenToSix + " <@U0SAM00002>");

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
        Assert.StartsWith("Only the Security Operations manager can put someone else on call for SOC Engineer", reply.Text, StringComparison.Ordinal);
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

        Assert.StartsWith("COV-1: Sam Okafor covers SOC Engineer Mon 30 Mar 10:00–18:00 Europe/London (09:00–17:00 UTC) (set by Sam Okafor).", reply.Text, StringComparison.Ordinal);
        Assert.Equal(
            new DateTimeOffset(2026, 3, 30, 9, 0, 0, TimeSpan.Zero).ToUnixTimeMilliseconds(),
            (await chat.Store.OverridesAsync())[0].From.ToUnixTimeMilliseconds());
    }

    [Fact]
    public async Task Another_teams_manager_may_not_put_someone_on_call_for_a_role_outside_their_team()
    {
        await using var db = await TemporaryDatabase.MigratedAsync();
        var chat = await ChatHarness.StartAsync(db);
        var otherManager = chat.Roster.HoldersOf(chat.Roster.TeamById("SecEng")!.ManagerRole, chat.Time.GetUtcNow())[0].Id;

        var reply = await chat.SayAsync(otherManager, SamCoversTenToSix + " @sam");

        Assert.True(reply.IsRefusal);
        Assert.StartsWith("Only the Security Operations manager can put someone else on call for SOC Engineer", reply.Text, StringComparison.Ordinal);
        Assert.Equal(new TableCounts(0, 0, 0, 0, 0, 0), await chat.CountsAsync());
    }

    /// <summary>The incident of issue 11: a Senior SOC engineer covered the SecOps manager's role and took the L3 pages.</summary>
    [Fact]
    public async Task Covering_a_role_you_do_not_hold_is_refused_and_the_roles_pages_still_reach_its_holder()
    {
        await using var db = await TemporaryDatabase.MigratedAsync();
        var chat = await ChatHarness.StartAsync(db);
        var now = chat.Time.GetUtcNow();
        var seniorSoc = chat.Roster.HoldersOf("SeniorSocEngineer", now)[0].Id;
        var secOpsManagers = chat.Roster.HoldersOf("SecOpsManager", now).Select(p => p.Id).ToList();

        var reply = await chat.SayAsync(seniorSoc, "cover SecOpsManager 2026-03-02T09:00Z 2026-03-02T11:00Z");
        await chat.DeclareAsync("sam", "Customer data visible to another tenant level:L3");

        Assert.True(reply.IsRefusal);
        Assert.StartsWith(
            "You do not hold Security Operations Manager on Mon 2 Mar, so you cannot cover it: a person covers only a role they hold. The Security Leadership manager can put you on call for it.",
            reply.Text,
            StringComparison.Ordinal);
        Assert.Empty(await chat.Store.OverridesAsync());
        var pagedAtL3 = (await chat.IncidentAsync(1)).Pages.Select(p => p.PersonId).ToList();
        Assert.Subset(pagedAtL3.ToHashSet(), secOpsManagers.ToHashSet());
        Assert.DoesNotContain(seniorSoc, pagedAtL3);
    }

    [Fact]
    public async Task The_executive_role_is_covered_only_by_a_team_manager()
    {
        await using var db = await TemporaryDatabase.MigratedAsync();
        var chat = await ChatHarness.StartAsync(db);
        var executive = chat.Roster.HoldersOf("Executive", chat.Time.GetUtcNow())[0].Id;

        var byTheExecutive = await chat.SayAsync(executive, "cover Executive 2026-03-02T10:00Z 2026-03-02T18:00Z");
        var byAManager = await chat.SayAsync(ManagerOfTeamOf(chat, "SocEngineer"), $"cover Executive 2026-03-02T10:00Z 2026-03-02T18:00Z @{executive}");

        Assert.True(byTheExecutive.IsRefusal);
        Assert.StartsWith(
            "CISO / CTO is outside every team: only a team manager (Security Operations Manager or Security Engineering Manager) can put someone on call for it.",
            byTheExecutive.Text,
            StringComparison.Ordinal);
        Assert.False(byAManager.IsRefusal, byAManager.Text);
        Assert.Single(await chat.Store.OverridesAsync());
    }

    [Fact]
    public async Task Cover_list_shows_covers_in_force_or_to_come_with_their_ids_and_can_be_narrowed_to_a_role()
    {
        await using var db = await TemporaryDatabase.MigratedAsync();
        var chat = await ChatHarness.StartAsync(db);
        await chat.SayAsync("sam", SamCoversTenToSix);
        await chat.SayAsync("priya", "cover IncidentResponseLead 2026-03-03T09:00Z 2026-03-03T17:00Z");
        await chat.SayAsync("sam", "cover SocEngineer 2026-03-01T09:00Z 2026-03-02T09:30Z");
        await chat.SayAsync("sam", "cover cancel COV-3");
        chat.Time.Advance(TimeSpan.FromHours(1));
        var before = await chat.CountsAsync();

        var all = await chat.SayAsync("leo", "cover list");
        var soc = await chat.SayAsync("leo", "cover list SOC Engineer");
        var none = await chat.SayAsync("leo", "cover list SecurityArchitect");

        Assert.Equal(
            "2 covers in force or to come:\n"
            + "COV-1: Sam Okafor covers SOC Engineer Mon 2 Mar 10:00–18:00 Europe/London (in force); set by Sam Okafor\n"
            + "COV-2: Priya Nair covers Incident Response Lead Tue 3 Mar 09:00–17:00 Europe/London; set by Priya Nair",
            all.Text);
        Assert.Equal(
            "1 cover in force or to come for SOC Engineer:\nCOV-1: Sam Okafor covers SOC Engineer Mon 2 Mar 10:00–18:00 Europe/London (in force); set by Sam Okafor",
            soc.Text);
        Assert.Equal("No covers in force or to come for Security Architect.", none.Text);
        Assert.Equal(before, await chat.CountsAsync());
    }

    [Fact]
    public async Task Cancelling_a_cover_keeps_it_marked_with_who_and_when_tells_everyone_and_puts_the_rotation_back_on_call()
    {
        await using var db = await TemporaryDatabase.MigratedAsync();
        var chat = await ChatHarness.StartAsync(db);
        await chat.SayAsync("sam", SamCoversTenToSix);
        chat.Time.Advance(TimeSpan.FromHours(2));
        var manager = ManagerOfTeamOf(chat, "SocEngineer");
        var lastMessage = await chat.LastOutboxIdAsync();

        var reply = await chat.SayAsync(manager, "cover cancel cov-1");

        Assert.False(reply.IsRefusal, reply.Text);
        Assert.Equal($"COV-1 cancelled by {chat.NameOf(manager)}: Sam Okafor covers SOC Engineer Mon 2 Mar 10:00–18:00 Europe/London no longer applies.", reply.Text);
        Assert.Single(await chat.Store.OverridesAsync());
        Assert.Equal(manager, (await chat.Store.OverridesAsync()).Single(o => o.Id == 1).CancelledBy);
        Assert.Equal(chat.Time.GetUtcNow().ToUnixTimeMilliseconds(), (await chat.Store.OverridesAsync()).Single(o => o.Id == 1).CancelledAt?.ToUnixTimeMilliseconds());
        Assert.Equal(["channel:incidents", "person:sam"], (await chat.OutboxAfterAsync(lastMessage)).Select(m => m.ChannelKey));
        Assert.DoesNotContain("(cover)", (await chat.SayAsync("leo", "oncall SocEngineer")).Text, StringComparison.Ordinal);
        await chat.DeclareAsync("leo", "Suspicious login on VPN");
        Assert.DoesNotContain("sam", (await chat.IncidentAsync(1)).Pages.Select(p => p.PersonId));
    }

    [Fact]
    public async Task The_person_covering_may_cancel_their_own_cover_and_nobody_is_told_twice()
    {
        await using var db = await TemporaryDatabase.MigratedAsync();
        var chat = await ChatHarness.StartAsync(db);
        await chat.SayAsync("sam", SamCoversTenToSix);
        var lastMessage = await chat.LastOutboxIdAsync();

        var reply = await chat.SayAsync("sam", "cover cancel COV-1");

        Assert.False(reply.IsRefusal, reply.Text);
        var announcement = Assert.Single(await chat.OutboxAfterAsync(lastMessage));
        Assert.True(announcement.IsChannel);
        Assert.Equal(["sam"], announcement.Message.Card.Mentions);
    }

    [Fact]
    public async Task Anyone_else_cancelling_a_cover_is_refused_with_why_and_nothing_changes()
    {
        await using var db = await TemporaryDatabase.MigratedAsync();
        var chat = await ChatHarness.StartAsync(db);
        await chat.SayAsync("sam", SamCoversTenToSix);
        var before = await chat.CountsAsync();

        var reply = await chat.SayAsync("leo", "cover cancel COV-1");

        Assert.True(reply.IsRefusal);
        Assert.Equal("COV-1 cannot be cancelled: Only Sam Okafor, who covers it, or the Security Operations manager can cancel it.\nUsage: cover cancel COV-n", reply.Text);
        Assert.Equal(before, await chat.CountsAsync());
        Assert.Null((await chat.Store.OverridesAsync())[0].CancelledBy);
    }

    [Theory]
    [InlineData("cover cancel COV-9", "There is no COV-9; cover list shows the covers in force or to come.")]
    [InlineData("cover cancel COV-1", "COV-1 cannot be cancelled: It was already cancelled by Sam Okafor at Mon 2 Mar 09:00 Europe/London.")]
    public async Task Cancelling_a_cover_that_is_missing_or_already_cancelled_is_refused_and_nothing_changes(string text, string problem)
    {
        await using var db = await TemporaryDatabase.MigratedAsync();
        var chat = await ChatHarness.StartAsync(db);
        await chat.SayAsync("sam", SamCoversTenToSix);
        await chat.SayAsync("sam", "cover cancel COV-1");
        var before = await chat.CountsAsync();

        var reply = await chat.SayAsync("sam", text);

        Assert.True(reply.IsRefusal);
        Assert.StartsWith(problem, reply.Text, StringComparison.Ordinal);
        Assert.Equal(before, await chat.CountsAsync());
    }

    /// <summary>Whoever holds the manager role of the team that <paramref name="role"/> belongs to, from the roster's teams.</summary>
    private static string ManagerOfTeamOf(ChatHarness chat, string role) =>
        chat.Roster.HoldersOf(chat.Roster.TeamOf(role)!.ManagerRole, chat.Time.GetUtcNow())[0].Id;
}
