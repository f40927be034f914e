namespace SecBot.Bench;

/// <summary>The two ways Slack hands SecBot a slash command, as the slack-load verb's <c>--transport</c> names them.</summary>
public enum SlackTransport
{
    Http,
    Socket,
}

/// <summary>
/// How the slack-load driver delivers one slash command (its fields, named as in Slack's form) and gets SecBot's answer.
/// </summary>
public interface ICommandTransport : IDisposable
{
    /// <summary>SecBot's answer (the HTTP response body, or the Socket Mode acknowledgement), or null when SecBot failed it.</summary>
    Task<string?> SendAsync(long sequence, IReadOnlyList<KeyValuePair<string, string>> fields);
}
