using SecBot.Chat.Tests.Support;
using SecBot.Storage.Tests.Support;

namespace SecBot.Chat.Tests.Commands;

/// <summary>
/// Every command the parser makes has an arm in the real <see cref="Conversation.ChatRouter"/>: its default arm throws,
/// naming the command, so a command type added without one fails here rather than in front of a user.
/// </summary>
public sealed class CommandRoutingConventionTests
{
    public static TheoryData<string> Examples() => [.. CommandSetTests.OneExamplePerCommand];

    [Theory]
    [MemberData(nameof(Examples))]
    public async Task Every_command_reaches_a_router_arm(string text)
    {
        await using var db = await TemporaryDatabase.MigratedAsync();
        var chat = await ChatHarness.StartAsync(db);

        var thrown = await Record.ExceptionAsync(() => chat.SayAsync("maya", text));

        Assert.Null(thrown);
    }
}
