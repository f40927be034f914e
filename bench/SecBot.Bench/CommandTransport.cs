namespace SecBot.Bench;

/// <summary>The ways SecBot is handed a declare, as the chat-load verb's <c>--transport</c> names them.</summary>
public enum LoadTransport
{
    /// <summary>Slack over HTTP: a signed <c>POST /slack/command</c>.</summary>
    Http,

    /// <summary>Slack Socket Mode: a <c>slash_commands</c> envelope over the app's WebSocket.</summary>
    Socket,

    /// <summary>Microsoft Teams: a <c>message</c> activity to <c>POST /api/messages</c> with a Bot Framework token.</summary>
    Teams,
}

/// <summary>What SecBot made of one declare, as the driver can tell from its answer.</summary>
public enum DeclareOutcome
{
    /// <summary>Slack: an answer naming an INC-n. Teams: 200 (the answer itself follows through the Bot Connector).</summary>
    Accepted,

    /// <summary>A success status whose answer names no incident.</summary>
    Refused,

    /// <summary>An error status, no answer in time, or a broken connection.</summary>
    Failed,
}

/// <summary>How the chat-load driver delivers one <c>declare &lt;title&gt;</c> and reads SecBot's answer.</summary>
public interface ICommandTransport : IDisposable
{
    /// <summary>Work for the next <paramref name="count"/> declares done before their timed run starts (Teams mints their tokens).</summary>
    Task PrepareAsync(int count) => Task.CompletedTask;

    Task<DeclareOutcome> DeclareAsync(long sequence, string title);
}
