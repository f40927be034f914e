using System.ComponentModel;
using System.Diagnostics;

namespace SecBot.Storage.Tests.Support;

/// <summary>Runs a program that finishes on its own (initdb, pg_ctl, id, chown) and returns what it printed.</summary>
internal static class ShortCommand
{
    public static readonly TimeSpan DefaultTimeout = TimeSpan.FromMinutes(2);

    /// <exception cref="InvalidOperationException">The program is missing, failed or did not finish in time; the message says which and what it printed.</exception>
    public static async Task<string> RunAsync(ProcessStartInfo start, TimeSpan? timeout = null)
    {
        start.UseShellExecute = false;
        start.RedirectStandardInput = true;
        start.RedirectStandardOutput = true;
        start.RedirectStandardError = true;

        using var process = StartOrExplain(start);
        process.StandardInput.Close();
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        var limit = timeout ?? DefaultTimeout;
        using var cancellation = new CancellationTokenSource(limit, TimeProvider.System);
        try
        {
            await process.WaitForExitAsync(cancellation.Token);
        }
        catch (OperationCanceledException)
        {
            process.Kill(entireProcessTree: true);
            throw new InvalidOperationException($"`{Describe(start)}` did not finish within {limit}.");
        }
        var output = await stdout;
        var error = await stderr;
        if (process.ExitCode != 0)
            throw new InvalidOperationException($"`{Describe(start)}` exited with {process.ExitCode}: {error.Trim()} {output.Trim()}".TrimEnd());
        return output;
    }

    public static Process StartOrExplain(ProcessStartInfo start)
    {
        try
        {
            return Process.Start(start) ?? throw new InvalidOperationException($"`{Describe(start)}` did not start.");
        }
        catch (Win32Exception e)
        {
            throw new InvalidOperationException($"could not run `{Describe(start)}`: {e.Message}", e);
        }
    }

    public static string Describe(ProcessStartInfo start) => string.Join(' ', [start.FileName, .. start.ArgumentList]);
}
