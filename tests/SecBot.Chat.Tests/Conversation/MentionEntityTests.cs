using SecBot.Chat.Conversation;
using SecBot.Chat.Tests.Support;
using SecBot.Storage.Tests.Support;

namespace SecBot.Chat.Tests.Conversation;

/// <summary>
/// A person mentioned in a command is found through the request's mention entities, by platform user id: a Teams
/// <c>&lt;at&gt;</c> shows only a display name, which two people may share and anyone may change.
/// </summary>
public sealed class MentionEntityTests
{
    private const string SamCoversTenToSix = "cover SocEngineer 2026-03-02T10:00Z 2026-03-02T18:00Z";

    [Fact]
    public async Task A_teams_mention_is_resolved_by_the_id_in_its_entity_not_by_the_name_it_shows()
    {
        await using var db = await TemporaryDatabase.MigratedAsync();
        var chat = await ChatHarness.StartAsync(db);
        var sam = chat.Roster.PersonById("sam")!;

        // The display name is another roster person's: only the entity's id says who is meant.
        var reply = await TeamsAsync(chat, ManagerOfTeamOf(chat, "SocEngineer"), SamCoversTenToSix + " <at>Maya Chen</at>", new ChatMention(sam.TeamsUserId, "<at>Maya Chen</at>"));

        Assert.False(reply.IsRefusal, reply.Text);
        Assert.StartsWith("COV-1: Sam Okafor covers SOC Engineer", reply.Text, StringComparison.Ordinal);
        Assert.Equal("sam", (await chat.Store.OverridesAsync())[0].PersonId);
    }

    [Fact]
    public async Task An_entity_with_the_bare_display_name_as_its_text_is_matched_too()
    {
        await using var db = await TemporaryDatabase.MigratedAsync();
        var chat = await ChatHarness.StartAsync(db);
        var sam = chat.Roster.PersonById("sam")!;

        var reply = await TeamsAsync(chat, ManagerOfTeamOf(chat, "SocEngineer"), SamCoversTenToSix + " <at>Sammy</at>", new ChatMention(sam.TeamsUserId, "Sammy"));

        Assert.False(reply.IsRefusal, reply.Text);
        Assert.Equal("sam", (await chat.Store.OverridesAsync())[0].PersonId);
    }

    [Fact]
    public async Task A_teams_mention_without_its_entity_names_nobody_even_when_the_name_is_on_the_roster_and_nothing_changes()
    {
        await using var db = await TemporaryDatabase.MigratedAsync();
        var chat = await ChatHarness.StartAsync(db);

        var reply = await TeamsAsync(chat, ManagerOfTeamOf(chat, "SocEngineer"), SamCoversTenToSix + " <at>Sam Okafor</at>");

        Assert.True(reply.IsRefusal);
        Assert.StartsWith("I can't find 'Sam Okafor' on the roster.", reply.Text, StringComparison.Ordinal);
        Assert.Contains("Usage: cover", reply.Text, StringComparison.Ordinal);
        Assert.Equal(new TableCounts(0, 0, 0, 0, 0, 0), await chat.CountsAsync());
    }

    [Fact]
    public async Task A_teams_mention_whose_entity_id_is_not_on_the_roster_names_nobody_and_nothing_changes()
    {
        await using var db = await TemporaryDatabase.MigratedAsync();
        var chat = await ChatHarness.StartAsync(db);

        var reply = await TeamsAsync(
            chat, ManagerOfTeamOf(chat, "SocEngineer"), SamCoversTenToSix + " <at>Sam Okafor</at>", new ChatMention("ffffffff-0000-4000-8000-00000000ffff", "<at>Sam Okafor</at>"));

        Assert.True(reply.IsRefusal);
        Assert.StartsWith("I can't find 'Sam Okafor' on the roster.", reply.Text, StringComparison.Ordinal);
        Assert.Equal(new TableCounts(0, 0, 0, 0, 0, 0), await chat.CountsAsync());
    }

    private static Task<ChatReply> TeamsAsync(ChatHarness chat, string personId, string text, params ChatMention[] mentions) =>
        chat.Router.HandleAsync(
            new ChatRequest(new ChatIdentity("teams", chat.Roster.PersonById(personId)!.TeamsUserId), ChatPlace.Direct("a:teams-chat"), new TextInput(text)) { Mentions = mentions },
            CancellationToken.None);

    private static string ManagerOfTeamOf(ChatHarness chat, string role) =>
        chat.Roster.HoldersOf(chat.Roster.TeamOf(role)!.ManagerRole, chat.Time.GetUtcNow())[0].Id;
}
