using System.Text.Json.Nodes;
using SecBot.Host.Terminal;
using SecBot.Host.Tests.Support;

namespace SecBot.Host.Tests.Terminal;

/// <summary>
/// One terminal console session, as <c>-- console --as …</c> runs it, over a temp SQLite database and a copy of the
/// shipped settings: <paramref name="input"/> is what was piped in, and the run's stdout and stderr are kept apart.
/// </summary>
internal sealed record TerminalRun(int ExitCode, string Output, string Error, string DatabasePath)
{
    public static Task<TerminalRun> RunAsync(TempDirectory dir, string input, params string[] args) => RunAsync(dir, input, TerminalDrainLimits.Default, args);

    public static async Task<TerminalRun> RunAsync(TempDirectory dir, string input, TerminalDrainLimits limits, params string[] args)
    {
        var database = dir.File("secbot.db");
        using var output = new StringWriter();
        using var error = new StringWriter();
        var exit = await LocalConsole.RunAsync(
            [.. args, $"--SecBot:Database:Path={database}"], new StringReader(input), output, error, interactive: false, PolicyFile.WriteCopy(dir), limits);
        return new TerminalRun(exit, output.ToString(), error.ToString(), database);
    }

    /// <summary>The roster's person ids in the settings the session ran with.</summary>
    public static IReadOnlyList<string> RosterIds(TempDirectory dir) =>
        [.. JsonNode.Parse(File.ReadAllText(dir.File("settings.json")))!["SecBot"]!["Roster"]!["People"]!.AsArray().Select(p => (string)p!["Id"]!)];

    /// <summary>Where <paramref name="text"/> first appears in stdout; fails when it does not.</summary>
    public int At(string text)
    {
        var at = Output.IndexOf(text, StringComparison.Ordinal);
        Assert.True(at >= 0, $"stdout lacks '{text}':\n{Output}");
        return at;
    }
}
