using SecBot.Chat.Conversation;
using SecBot.Chat.Reports;
using SecBot.Chat.Tests.Support;
using SecBot.Storage.Tests.Support;

namespace SecBot.Chat.Tests.Reports;

/// <summary><c>report INC-n</c> through the chat router: anyone on the roster, privately, read-only, cut to fit a chat message.</summary>
public sealed class ReportChatTests
{
    [Fact]
    public async Task Anyone_on_the_roster_gets_the_markdown_draft_privately_and_nothing_changes()
    {
        await using var db = await TemporaryDatabase.MigratedAsync();
        var chat = await ChatHarness.StartAsync(db);
        var number = await chat.DeclareAsync("maya", "Odd outbound traffic");
        var follower = await chat.FollowerOfAsync(number);
        var before = await chat.CountsAsync();

        var reply = await chat.SayAsync(follower, "report INC-1");

        Assert.False(reply.IsRefusal, reply.Text);
        Assert.Equal(ReplyVisibility.Private, reply.Visibility);
        Assert.StartsWith("# INC-1 postmortem draft: Odd outbound traffic\n", reply.Text, StringComparison.Ordinal);
        Assert.Contains("## Sign-offs", reply.Text, StringComparison.Ordinal);
        Assert.Equal(before, await chat.CountsAsync());
    }

    [Fact]
    public async Task A_report_on_an_unknown_incident_is_refused_with_the_usage()
    {
        await using var db = await TemporaryDatabase.MigratedAsync();
        var chat = await ChatHarness.StartAsync(db);

        var reply = await chat.SayAsync("maya", "report INC-9");

        Assert.True(reply.IsRefusal);
        Assert.Equal("There is no INC-9.\nUsage: report INC-n", reply.Text);
    }

    [Fact]
    public async Task Bad_input_is_refused_with_the_usage_line()
    {
        await using var db = await TemporaryDatabase.MigratedAsync();
        var chat = await ChatHarness.StartAsync(db);

        var reply = await chat.SayAsync("maya", "report");

        Assert.True(reply.IsRefusal);
        Assert.StartsWith("report needs an incident id such as INC-12.\nUsage: report INC-n — ", reply.Text, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_long_report_is_cut_to_a_chat_message_with_a_note_naming_the_command_line()
    {
        await using var db = await TemporaryDatabase.MigratedAsync();
        var chat = await ChatHarness.StartAsync(db);
        await chat.DeclareAsync("maya", "Odd outbound traffic");
        var resolved = await chat.SayAsync(await chat.FirstPagedAsync(1), "resolve INC-1 " + string.Join(' ', Enumerable.Repeat("rotated & <checked>", 99)));
        Assert.False(resolved.IsRefusal, resolved.Text);
        var whole = IncidentReportMarkdown.Render((await new IncidentReportBuilder(chat.Store).BuildAsync(1, chat.Time.GetUtcNow(), CancellationToken.None))!);

        var reply = await chat.SayAsync("maya", "report INC-1");

        Assert.True(whole.Length > ReportReplies.ChatLength, $"the report is {whole.Length} characters");
        // Counted as Slack counts it once it has written & < > as entities: its own cut never reaches the note.
        Assert.InRange(ReportReplies.SentLength(reply.Text), ReportReplies.ChatLength - 4, ReportReplies.ChatLength);
        Assert.EndsWith("(The report is cut here to fit a chat message. The whole of it: dotnet run --project src/SecBot.Host -- report INC-1 [--format md|json])", reply.Text, StringComparison.Ordinal);
        Assert.StartsWith(whole[..1000], reply.Text, StringComparison.Ordinal);
        Assert.Contains("…\n\n(The report is cut here", reply.Text, StringComparison.Ordinal);
    }

    [Fact]
    public void A_short_report_is_not_cut() =>
        Assert.Equal("# short", ReportReplies.Fit("# short", "INC-1"));
}
