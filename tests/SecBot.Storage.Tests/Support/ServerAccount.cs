using System.Diagnostics;

namespace SecBot.Storage.Tests.Support;

/// <summary>
/// The account PostgreSQL's programs run under. initdb, pg_ctl and postgres refuse to run as root, so a test run as root
/// hands them to the <c>postgres</c> system user (through setpriv, which execs in place so the server stays our child);
/// any other user runs them directly.
/// </summary>
internal sealed class ServerAccount
{
    private const string SystemUser = "postgres";

    private readonly (string Uid, string Gid)? _switchTo;

    private ServerAccount((string Uid, string Gid)? switchTo) => _switchTo = switchTo;

    /// <exception cref="InvalidOperationException">This process is root and there is no postgres user to run the server as.</exception>
    public static async Task<ServerAccount> ResolveAsync()
    {
        if (!Environment.IsPrivilegedProcess) return new ServerAccount(null);
        try
        {
            var uid = (await ShortCommand.RunAsync(new ProcessStartInfo("id") { ArgumentList = { "-u", SystemUser } })).Trim();
            var gid = (await ShortCommand.RunAsync(new ProcessStartInfo("id") { ArgumentList = { "-g", SystemUser } })).Trim();
            return new ServerAccount((uid, gid));
        }
        catch (InvalidOperationException e)
        {
            throw new InvalidOperationException(
                $"The tests run as root, and initdb/postgres refuse to run as root, so they run as the '{SystemUser}' system user, " +
                $"which was not found ({e.Message}). Create it ({PostgresBinaries.InstallHint} does) or run the tests as a non-root user.",
                e);
        }
    }

    public ProcessStartInfo Command(string program, params IEnumerable<string> arguments)
    {
        ProcessStartInfo start;
        if (_switchTo is var (uid, gid))
        {
            start = new ProcessStartInfo("setpriv") { ArgumentList = { $"--reuid={uid}", $"--regid={gid}", "--clear-groups", "--", program } };
        }
        else
        {
            start = new ProcessStartInfo(program);
        }
        foreach (var argument in arguments) start.ArgumentList.Add(argument);
        // Server messages in English whatever the caller's locale: start-up failures are recognised by their text.
        start.Environment["LC_ALL"] = "C";
        return start;
    }

    /// <summary>Makes directories this process created writable by the server account.</summary>
    public async Task HandOverAsync(params IEnumerable<string> directories)
    {
        if (_switchTo is not var (uid, gid)) return;
        var chown = new ProcessStartInfo("chown") { ArgumentList = { $"{uid}:{gid}" } };
        foreach (var directory in directories) chown.ArgumentList.Add(directory);
        await ShortCommand.RunAsync(chown);
    }
}
