using SecBot.Chat.Conversation;
using SecBot.Host.Tests.Support;

namespace SecBot.Host.Tests.Observability;

/// <summary>Says a command to the running host as a roster person on the console platform, through its real chat router.</summary>
internal static class ConsoleChat
{
    public static async Task<ChatReply> SayAsync(this RunningHost host, string personId, string text)
    {
        var reply = await host.App.Services.GetRequiredService<ChatRouter>().HandleAsync(
            new ChatRequest(new ChatIdentity("console", personId), ChatPlace.Direct(), new TextInput(text)), CancellationToken.None);
        Assert.False(reply.IsRefusal, $"{personId}: {text} → {reply.Text}");
        return reply;
    }
}
