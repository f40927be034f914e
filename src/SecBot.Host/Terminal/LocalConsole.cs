using SecBot.Chat.Conversation;

namespace SecBot.Host.Terminal;

/// <summary>
/// <c>console --as &lt;person-id&gt;</c>: type SecBot commands as a roster person, with the full service running
/// (clock, dispatcher) on the same database. Messages to others are written to the log by the console platform.
/// </summary>
public static class LocalConsole
{
    public const string Usage = "usage: SecBot.Host console --as <person-id>";

    public static async Task<int> RunAsync(string[] args, TextReader input, TextWriter output, TextWriter error)
    {
        ArgumentNullException.ThrowIfNull(args);
        ArgumentNullException.ThrowIfNull(input);
        ArgumentNullException.ThrowIfNull(output);
        var asIndex = Array.IndexOf(args, "--as");
        if (asIndex < 0 || asIndex + 1 >= args.Length)
        {
            await error.WriteLineAsync(Usage);
            return 2;
        }

        var personId = args[asIndex + 1];
        string[] hostArgs = ["--urls", "http://127.0.0.1:0", .. args.Where((_, i) => i != asIndex && i != asIndex + 1)];
        await using var app = await SecBotApp.CreateAsync(hostArgs);
        await app.StartAsync();
        var router = app.Services.GetRequiredService<ChatRouter>();
        await output.WriteLineAsync($"SecBot console as '{personId}'. Type 'help' for commands, an empty line to quit.");
        while (await input.ReadLineAsync() is { Length: > 0 } line)
        {
            var reply = await router.HandleAsync(new ChatRequest(new ChatIdentity("console", personId), ChatPlace.Direct(), new TextInput(line)), CancellationToken.None);
            await output.WriteLineAsync(reply.Card?.ToPlainText() ?? reply.Text);
        }

        await app.StopAsync();
        return 0;
    }
}
