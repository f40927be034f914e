using System.Diagnostics;

namespace SecBot.Storage.Tests.Support;

/// <summary>
/// Stops a test server and deletes its directory if this test process ends without disposing it, however it ends
/// (a crash, SIGKILL from a hang timeout): a shell child blocks reading a pipe only this process holds open, and the
/// kernel closes that pipe when this process dies. Disposing the server kills the watchdog first.
/// </summary>
internal sealed class PostgresWatchdog : IDisposable
{
    // $1 is the server's directory; the postmaster's pid is the first line of data/postmaster.pid. The pid is only
    // signalled while its command line still names that directory, so a stale pid file never hits another process.
    private const string Script =
        """
        read -r _ignored
        pid=$(head -n 1 "$1/data/postmaster.pid" 2>/dev/null)
        ours() { [ -n "$pid" ] && tr '\0' ' ' < "/proc/$pid/cmdline" 2>/dev/null | grep -qF -- "$1/data"; }
        if ours "$1"; then
          kill -QUIT "$pid"
          tries=0
          while ours "$1" && [ "$tries" -lt 50 ]; do sleep 0.1; tries=$((tries + 1)); done
          if ours "$1"; then kill -KILL "$pid"; fi
        fi
        rm -rf -- "$1"
        """;

    private readonly Process _shell;

    private PostgresWatchdog(Process shell) => _shell = shell;

    public static PostgresWatchdog Watch(string serverDirectory)
    {
        var start = new ProcessStartInfo("/bin/sh")
        {
            UseShellExecute = false,
            RedirectStandardInput = true,
            // Not the test host's output: a `dotnet test` waiting on its pipes must not wait for the watchdog.
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            ArgumentList = { "-c", Script, "secbot-postgres-watchdog", serverDirectory },
        };
        return new PostgresWatchdog(ShortCommand.StartOrExplain(start));
    }

    /// <summary>Closes this process's end of the pipe, as the kernel does when this process dies.</summary>
    public void ActAsIfTheTestProcessDied() => _shell.StandardInput.Close();

    public void Dispose()
    {
        if (!_shell.HasExited) _shell.Kill();
        _shell.WaitForExit();
        _shell.Dispose();
    }
}
