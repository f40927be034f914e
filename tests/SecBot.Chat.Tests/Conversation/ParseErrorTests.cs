using SecBot.Chat.Conversation;
using SecBot.Chat.Tests.Support;
using SecBot.Storage.Tests.Support;

namespace SecBot.Chat.Tests.Conversation;

/// <summary>Text that does not parse gets the problem and the right usage, privately, and changes nothing.</summary>
public sealed class ParseErrorTests
{
    [Theory]
    [InlineData("frobnicate INC-1", "'frobnicate' is not a SecBot command.")]
    [InlineData("declare Phishing wave level:L9", "Unknown level 'L9'")]
    [InlineData("declare Phishing wave type:insider", "Unknown incident type 'insider'")]
    [InlineData("declare level:L2", "declare needs a title")]
    [InlineData("ack INC-1 INC-2", "ack takes at most an incident id")]
    [InlineData("ack INC-x", "INC-x")]
    [InlineData("escalate REV-3 because", "REV-3")]
    [InlineData("resolve INC-0 done", "INC-0")]
    [InlineData("status INC-banana", "INC-banana")]
    [InlineData("oncall Janitor", "'Janitor'")]
    [InlineData("cover SocEngineer tomorrow 2026-03-02T17:00", "'tomorrow' is not a time")]
    [InlineData("cover SocEngineer 2026-03-02T17:00Z 2026-03-02T09:00Z", "the end must come after the start")]
    [InlineData("cover SocEngineer 2026-03-02T09:00", "needs a role, a start time and an end time")]
    [InlineData("approve REV-x", "REV-x")]
    public async Task Unreadable_commands_reply_privately_with_the_problem_and_usage_and_change_nothing(string text, string problem)
    {
        await using var db = await TemporaryDatabase.MigratedAsync();
        var chat = await ChatHarness.StartAsync(db);
        await chat.DeclareAsync("sam", "Suspicious login on VPN");
        var before = await chat.CountsAsync();

        var reply = await chat.SayAsync("maya", text);

        Assert.True(reply.IsRefusal);
        Assert.Equal(ReplyVisibility.Private, reply.Visibility);
        Assert.Contains(problem, reply.Text, StringComparison.Ordinal);
        Assert.Contains("\nUsage: ", reply.Text, StringComparison.Ordinal);
        Assert.Equal(before, await chat.CountsAsync());
    }

    [Fact]
    public async Task A_message_longer_than_the_limit_is_refused_without_being_parsed_and_changes_nothing()
    {
        await using var db = await TemporaryDatabase.MigratedAsync();
        var chat = await ChatHarness.StartAsync(db);

        var reply = await chat.SayAsync("maya", "declare " + new string('x', 100_000));

        Assert.True(reply.IsRefusal);
        Assert.Equal(new TableCounts(0, 0, 0, 0, 0, 0), await chat.CountsAsync());
    }

    [Fact]
    public async Task Help_answers_privately_and_changes_nothing()
    {
        await using var db = await TemporaryDatabase.MigratedAsync();
        var chat = await ChatHarness.StartAsync(db);

        var reply = await chat.SayAsync("maya", "help");

        Assert.False(reply.IsRefusal);
        Assert.Equal(ReplyVisibility.Private, reply.Visibility);
        Assert.Contains("declare", reply.Text, StringComparison.Ordinal);
        Assert.Equal(new TableCounts(0, 0, 0, 0, 0, 0), await chat.CountsAsync());
    }
}
