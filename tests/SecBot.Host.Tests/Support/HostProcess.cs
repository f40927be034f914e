using System.Diagnostics;

namespace SecBot.Host.Tests.Support;

/// <summary>Runs the built SecBot.Host as a separate process, as an operator would.</summary>
internal static class HostProcess
{
    public sealed record Outcome(int ExitCode, string StandardOutput, string StandardError);

    public static async Task<Outcome> RunAsync(IDictionary<string, string> environment, TimeSpan timeout, params string[] args)
    {
        var hostDll = Path.Combine(AppContext.BaseDirectory, "SecBot.Host.dll");
        var start = new ProcessStartInfo("dotnet")
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
            WorkingDirectory = AppContext.BaseDirectory,
        };
        start.ArgumentList.Add(hostDll);
        foreach (var arg in args) start.ArgumentList.Add(arg);
        foreach (var (key, value) in environment) start.Environment[key] = value;

        using var process = Process.Start(start) ?? throw new InvalidOperationException("could not start SecBot.Host");
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        using var cts = new CancellationTokenSource(timeout);
        try
        {
            await process.WaitForExitAsync(cts.Token);
        }
        catch (OperationCanceledException)
        {
            process.Kill(entireProcessTree: true);
            throw new TimeoutException($"SecBot.Host did not exit within {timeout}; stdout: {await stdout}");
        }
        return new Outcome(process.ExitCode, await stdout, await stderr);
    }
}
