using SecBot.Chat.Conversation;
using SecBot.Host.ConsolePlatform;
using SecBot.Host.Delivery;
using SecBot.Storage.Delivery;
using RosterModel = SecBot.Domain.Roster.Roster;

namespace SecBot.Host.Terminal;

/// <summary>
/// <c>console --as &lt;person-id&gt;</c>: type SecBot commands as a roster person, with the full service running (clock,
/// dispatcher) on the same database. Answers and every message the console platform delivers go to stdout, in order;
/// logs go to stderr. A blank line is ignored; <c>quit</c>, <c>exit</c> or the end of input (Ctrl-D) ends the session
/// once the outbox has delivered what the last commands caused.
/// </summary>
public static class LocalConsole
{
    public const string Usage = "usage: SecBot.Host console --as <person-id>";

    /// <param name="interactive">Input comes from a terminal: show a prompt (<c>maya&gt; </c>) and ask questions on its line.</param>
    /// <param name="settingsFile">Overrides <c>SECBOT_SETTINGS</c>, as for <see cref="SecBotApp.CreateAsync"/>.</param>
    public static Task<int> RunAsync(
        string[] args, TextReader input, TextWriter output, TextWriter error, bool interactive = false, string? settingsFile = null) =>
        RunAsync(args, input, output, error, interactive, settingsFile, TerminalDrainLimits.Default);

    internal static async Task<int> RunAsync(
        string[] args, TextReader input, TextWriter output, TextWriter error, bool interactive, string? settingsFile, TerminalDrainLimits limits)
    {
        ArgumentNullException.ThrowIfNull(args);
        ArgumentNullException.ThrowIfNull(input);
        ArgumentNullException.ThrowIfNull(output);
        ArgumentNullException.ThrowIfNull(error);
        var asIndex = Array.IndexOf(args, "--as");
        if (asIndex < 0 || asIndex + 1 >= args.Length || args[asIndex + 1].StartsWith('-'))
        {
            await error.WriteLineAsync(Usage);
            return 2;
        }

        var requested = args[asIndex + 1];
        string[] hostArgs = ["--urls", "http://127.0.0.1:0", .. args.Where((_, i) => i != asIndex && i != asIndex + 1)];
        var settings = TerminalSettings.Read(hostArgs, settingsFile);
        var ids = TerminalSettings.PersonIds(settings);
        if (ids.FirstOrDefault(id => id.Equals(requested, StringComparison.OrdinalIgnoreCase)) is not { } personId)
        {
            await error.WriteLineAsync($"'{requested}' is not on the roster; --as takes one of: {string.Join(", ", ids)}");
            await error.WriteLineAsync(Usage);
            return 2;
        }

        await using var app = await SecBotApp.CreateAsync(hostArgs, settingsFile, services => TerminalLogging.Use(services, error, settings));
        await app.StartAsync();
        var session = new Session(app.Services, personId, input, output, error, interactive, limits);
        await session.RunAsync(app.Lifetime.ApplicationStopping);
        await app.StopAsync();
        return 0;
    }

    private sealed class Session
    {
        private readonly ChatRouter _router;
        private readonly OutboxDrain _drain;
        private readonly ConfiguredPlatforms _platforms;
        private readonly RosterModel _roster;
        private readonly string _personId;
        private readonly TextReader _input;
        private readonly TextWriter _error;
        private readonly TextWriter _output;
        private readonly TerminalTranscript _transcript;
        private readonly TerminalDrainLimits _limits;

        public Session(IServiceProvider services, string personId, TextReader input, TextWriter output, TextWriter error, bool interactive, TerminalDrainLimits limits)
        {
            _limits = limits;
            var inbox = services.GetRequiredService<ConsoleInbox>();
            _router = services.GetRequiredService<ChatRouter>();
            _drain = new OutboxDrain(services.GetRequiredService<OutboxBacklog>(), inbox, services.GetRequiredService<TimeProvider>());
            _platforms = services.GetRequiredService<ConfiguredPlatforms>();
            _roster = services.GetRequiredService<RosterModel>();
            _personId = personId;
            _input = input;
            _error = error;
            _output = output;
            _transcript = new TerminalTranscript(output, inbox, _roster.PersonName, interactive ? $"{personId}> " : null);
        }

        public async Task RunAsync(CancellationToken stopping)
        {
            using var ended = CancellationTokenSource.CreateLinkedTokenSource(stopping);
            await Banner().WriteLineAsync(BannerText());
            var watching = _transcript.WatchAsync(ended.Token);
            try
            {
                await ReadCommandsAsync(stopping);
                if (!stopping.IsCancellationRequested)
                {
                    var undelivered = await _drain.WaitAsync(null, _limits.AtExit, stopping);
                    if (undelivered.Count > 0) await _error.WriteLineAsync(OutboxDrain.Describe(undelivered));
                }

                using (await _transcript.TakeTurnAsync(CancellationToken.None)) _transcript.PrintDelivered();
            }
            catch (OperationCanceledException) when (stopping.IsCancellationRequested)
            {
                // Ctrl+C: the host is stopping; what is queued stays in the database for the next run.
                await _transcript.LeavePromptAsync();
            }
            finally
            {
                await ended.CancelAsync();
                await watching;
                _transcript.Dispose();
            }
        }

        private async Task ReadCommandsAsync(CancellationToken stopping)
        {
            while (true)
            {
                await _transcript.ShowPromptAsync(stopping);
                if (await ReadLineAsync(stopping) is not { } line)
                {
                    await _transcript.LeavePromptAsync();
                    return;
                }

                var command = line.Trim();
                if (command.Length == 0) continue;
                if (command.Equals("quit", StringComparison.OrdinalIgnoreCase) || command.Equals("exit", StringComparison.OrdinalIgnoreCase)) return;

                var inputEnded = false;
                using (await _transcript.TakeTurnAsync(stopping))
                {
                    try
                    {
                        inputEnded = await HandleAsync(command, stopping);
                    }
                    catch (Exception e) when (e is not OperationCanceledException || !stopping.IsCancellationRequested)
                    {
                        // The command's transaction rolled back; the session goes on, as a chat platform's would.
                        await _error.WriteLineAsync($"SecBot could not run '{command}': {e.GetType().Name}: {e.Message}");
                    }
                }

                await _drain.WaitAsync(ConsoleMessageSender.PlatformName, _limits.AfterCommand, stopping);
                if (inputEnded) return;
            }
        }

        /// <summary>Runs one command and prints its answer; true when the input ended inside a form it opened.</summary>
        private async Task<bool> HandleAsync(string text, CancellationToken stopping)
        {
            var reply = await _router.HandleAsync(Request(text), stopping);
            if (reply.OpensForm is not { } form)
            {
                _transcript.WriteLine(Answer(reply));
                return false;
            }

            var filled = await TerminalForm.FillAsync(form, _transcript, () => ReadLineAsync(stopping));
            if (filled.Command is not { } command)
            {
                _transcript.WriteLine(filled.Problem);
                return filled.InputEnded;
            }

            _transcript.WriteLine(Answer(await _router.HandleAsync(Request(command), stopping)));
            return false;
        }

        private ChatRequest Request(string text) =>
            new(new ChatIdentity(ConsoleMessageSender.PlatformName, _personId), ChatPlace.Direct(), new TextInput(text));

        private static string Answer(ChatReply reply) => reply.Card is { } card ? TypedCommands.PlainText(card) : reply.Text;

        private async Task<string?> ReadLineAsync(CancellationToken stopping)
        {
            // Console.In's read cannot be cancelled; on Ctrl+C the session stops waiting for it instead.
            return await _input.ReadLineAsync(stopping).AsTask().WaitAsync(stopping);
        }

        private TextWriter Banner() => _transcript.Interactive ? _output : _error;

        private string BannerText()
        {
            var banner = $"SecBot console as {_roster.PersonName(_personId)} ({_personId}). Type 'help' for commands; 'quit', 'exit' or Ctrl-D leaves.";
            return _platforms.ConsoleOn
                ? banner + "\nMessages SecBot delivers on the console platform are shown here as they arrive."
                : banner + $"\nThe console platform is off (SecBot:Console:Enabled): messages go to {string.Join(" and ", _platforms.Enabled.Select(Chat.Delivery.PlatformNames.Of))}, not here.";
        }
    }
}
