using SecBot.Chat.Commands;
using static SecBot.Chat.Tests.TestPolicy;

namespace SecBot.Chat.Tests.Commands;

public class CommandSetTests
{
    /// <summary>One text per command type: <see cref="Every_command_type_is_produced_by_some_text"/> keeps it complete.</summary>
    internal static readonly string[] OneExamplePerCommand =
    [
        "help", "declare", "declare x", "ack", "escalate", "resolve", "status", "status INC-1", "status REV-1", "oncall",
        "cover SocEngineer 2026-11-24T09:00 2026-11-24T17:00", "cover list", "cover cancel COV-1", "review threat-model x", "approve REV-1",
        "reject REV-1 no", "comment REV-1 which queue?", "object REV-1 no runbook", "resubmit REV-1", "override REV-1 IRLead on leave", "reviews", "request tool x",
        "retry", "retry MSG-1", "report INC-1",
    ];

    [Fact]
    public void Every_command_type_is_produced_by_some_text()
    {
        var commandTypes = typeof(ChatCommand).Assembly.GetTypes()
            .Where(t => t.IsSubclassOf(typeof(ChatCommand)) && !t.IsAbstract)
            .ToHashSet();
        var produced = OneExamplePerCommand.Select(text => Parser.Parse(text).GetType()).ToHashSet();

        Assert.Equal(commandTypes.OrderBy(t => t.Name).Select(t => t.Name), produced.OrderBy(t => t.Name).Select(t => t.Name));
    }

    [Fact]
    public void Every_command_type_is_sealed() =>
        Assert.All(
            typeof(ChatCommand).Assembly.GetTypes().Where(t => t.IsSubclassOf(typeof(ChatCommand)) && !t.IsAbstract),
            t => Assert.True(t.IsSealed, t.Name));
}
