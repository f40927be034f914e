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

    public static Task<ServerAccount> ResolveAsync() => ResolveAsync(Environment.IsPrivilegedProcess, SystemUser);

    /// <exception cref="InvalidOperationException">This process is root and there is no such user to run the server as.</exception>
    public static async Task<ServerAccount> ResolveAsync(bool runningAsRoot, string systemUser)
    {
        if (!runningAsRoot) return new ServerAccount(null);
        try
        {
            var uid = (await ShortCommand.RunAsync(new ProcessStartInfo("id") { ArgumentList = { "-u", systemUser } })).Trim();
            var gid = (await ShortCommand.RunAsync(new ProcessStartInfo("id") { ArgumentList = { "-g", systemUser } })).Trim();
            return new ServerAccount((uid, gid));
        }
        catch (InvalidOperationException e)
        {
            throw new InvalidOperationException(
                $"The tests run as root, and initdb/postgres refuse to run as root, so they run as the '{systemUser}' system user, " +
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
