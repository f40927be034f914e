using SecBot.Host.ConsolePlatform;

namespace SecBot.Host.Terminal;

/// <summary>
/// The terminal's stdout: answers, and every message the console platform delivers, each printed whole and in order.
/// A command holds the transcript from the moment it is read until its answer is printed, so the messages it causes
/// always follow its answer; messages that arrive while the person is at the prompt (a page from the clock) are printed
/// at once and the prompt shown again.
/// </summary>
public sealed class TerminalTranscript(TextWriter output, ConsoleInbox inbox, Func<string, string> personName, string? prompt) : IDisposable
{
    private readonly SemaphoreSlim _turn = new(1, 1);
    private long _seenVersion;
    private long _newestId;
    private bool _atPrompt;

    /// <summary>Whether a prompt is shown (input from a terminal) and questions are asked on the prompt's line.</summary>
    public bool Interactive => prompt is not null;

    /// <summary>Takes the transcript for one command: nothing else is printed until the returned turn is disposed.</summary>
    public async Task<IDisposable> TakeTurnAsync(CancellationToken cancellationToken)
    {
        await _turn.WaitAsync(cancellationToken);
        _atPrompt = false;
        return new Turn(_turn);
    }

    /// <summary>Ends the prompt's line when the session ends at the prompt (Ctrl-D, Ctrl+C), so what follows starts on a line of its own.</summary>
    public async Task LeavePromptAsync()
    {
        await _turn.WaitAsync(CancellationToken.None);
        try
        {
            if (_atPrompt) output.WriteLine();
            output.Flush();
            _atPrompt = false;
        }
        finally
        {
            _turn.Release();
        }
    }

    /// <summary>Prints <paramref name="text"/> as lines; call while holding a turn.</summary>
    public void WriteLine(string text)
    {
        output.WriteLine(text);
        output.Flush();
    }

    /// <summary>Asks one question: on the prompt's line at a terminal, on a line of its own otherwise; call while holding a turn.</summary>
    public void Ask(string question)
    {
        if (Interactive) output.Write(question + " ");
        else output.WriteLine(question);
        output.Flush();
    }

    /// <summary>Prints what was delivered since the last look, then the prompt.</summary>
    public async Task ShowPromptAsync(CancellationToken cancellationToken)
    {
        using (await TakeTurnAsync(cancellationToken))
        {
            PrintDelivered();
            if (prompt is null) return;
            output.Write(prompt);
            output.Flush();
            _atPrompt = true;
        }
    }

    /// <summary>Prints deliveries as they come, until <paramref name="cancellationToken"/> ends the session.</summary>
    public async Task WatchAsync(CancellationToken cancellationToken)
    {
        try
        {
            while (true)
            {
                await inbox.WaitForChangeAsync(Interlocked.Read(ref _seenVersion), cancellationToken);
                await _turn.WaitAsync(cancellationToken);
                try
                {
                    var wasAtPrompt = _atPrompt;
                    if (wasAtPrompt) output.WriteLine();
                    PrintDelivered();
                    if (wasAtPrompt) output.Write(prompt);
                    output.Flush();
                }
                finally
                {
                    _turn.Release();
                }
            }
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            // The session ended; whatever came last was printed by the final look.
        }
    }

    /// <summary>
    /// Prints every message delivered or updated since the last look: new ones in delivery order, then the updated cards
    /// of ones printed before (an update always follows the message it updates); call while holding a turn.
    /// </summary>
    public void PrintDelivered()
    {
        var changed = inbox.ChangedSince(Interlocked.Read(ref _seenVersion));
        if (changed.Count == 0) return;
        var printedUpTo = _newestId;
        foreach (var message in changed.Where(m => m.Id > printedUpTo).OrderBy(m => m.Id).Concat(changed.Where(m => m.Id <= printedUpTo)))
        {
            output.WriteLine($"── {(message.Id <= printedUpTo ? "updated, " : "")}to {Recipient(message.Recipient)} ──");
            output.WriteLine(TypedCommands.PlainText(message.Card));
            _newestId = Math.Max(_newestId, message.Id);
        }

        Interlocked.Exchange(ref _seenVersion, changed.Max(m => m.Version));
        output.Flush();
    }

    public void Dispose() => _turn.Dispose();

    private string Recipient(string channelKey)
    {
        var (kind, id) = channelKey.IndexOf(':', StringComparison.Ordinal) is var colon and > 0
            ? (channelKey[..colon], channelKey[(colon + 1)..])
            : ("", channelKey);
        return kind switch
        {
            "person" => $"{personName(id)} ({id})",
            _ when id == Chat.Delivery.Recipient.IncidentsChannelId => "the incidents channel",
            _ => $"channel {id}",
        };
    }

    private sealed class Turn(SemaphoreSlim turn) : IDisposable
    {
        private int _released;

        public void Dispose()
        {
            if (Interlocked.Exchange(ref _released, 1) == 0) turn.Release();
        }
    }
}
