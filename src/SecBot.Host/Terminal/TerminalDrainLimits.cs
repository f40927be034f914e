namespace SecBot.Host.Terminal;

/// <summary>
/// How long the terminal console waits for the outbox: after each command, for the console messages it caused (so they
/// print before the next prompt); at the end of the session, for every platform's (so the last command's page is not
/// cut off by quitting).
/// </summary>
public sealed record TerminalDrainLimits(TimeSpan AfterCommand, TimeSpan AtExit)
{
    public static TerminalDrainLimits Default { get; } = new(TimeSpan.FromSeconds(5), TimeSpan.FromSeconds(15));
}
