namespace SecBot.Host.ConsolePlatform;

/// <summary>
/// <c>SecBot:Console</c>: the console platform (the web console at <c>/</c>, and what the terminal console shows).
/// <see cref="Enabled"/> unset means on exactly when no chat platform is configured.
/// </summary>
public sealed class ConsoleOptions
{
    public const string SectionName = "SecBot:Console";

    public bool? Enabled { get; set; }

    /// <summary>Serve the web console to callers beyond this machine (it answers only on loopback otherwise).</summary>
    public bool AllowRemote { get; set; }

    /// <summary>
    /// The keys that log in to the web console (<c>SecBot:Console:AdminKeys:{key}</c>), each with the name of whoever holds
    /// it. Required when the console asks for a login (Slack or Teams configured and the console on, or <see cref="AllowRemote"/>):
    /// the console acts as anyone on the roster.
    /// </summary>
    public Dictionary<string, string> AdminKeys { get; set; } = new(StringComparer.Ordinal);

    /// <summary>Whether the web console is on, given whether Slack or Teams is configured (without them the console platform is the sink anyway).</summary>
    public bool IsOn(bool chatConfigured) => Enabled ?? !chatConfigured;
}
